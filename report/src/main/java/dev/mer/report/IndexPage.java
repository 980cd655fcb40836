package dev.mer.report;

import dev.mer.experiment.summary.SummaryRow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The report's {@code index.html}: one self-contained page (no script, no remote resource, links
 * relative to the report's directory) with the summary table, every figure and its caption, and
 * the result files it was made from.
 */
final class IndexPage {
    private static final String STYLE = """
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1040px;
                   padding: 0 1em; color: #222; line-height: 1.45; }
            h1 { font-size: 1.7em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { padding: 0.3em 0.8em; border-bottom: 1px solid #ddd; text-align: right; }
            th { background: #f3f3f3; } td.text, th.text { text-align: left; }
            figure { margin: 1.5em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { font-size: 0.95em; color: #444; }
            .swatch { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.4em; vertical-align: -0.1em; }
            code, .files { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
            """;

    private IndexPage() {
    }

    /**
     * The page.
     *
     * @param figures the figures, in the staging directory (only their file names are used)
     * @param summary the summary rows
     * @param sources the result files, absolute
     * @param directory the report's final directory, against which links to sources are relative
     */
    static String html(List<Figure> figures, List<SummaryRow> summary, List<Path> sources, Path directory) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append(Report.GENERATOR).append('\n')
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>mer report: ").append(escape(datasets(summary))).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>mer report: ").append(escape(datasets(summary))).append("</h1>\n")
                .append("<p>").append(sources.size()).append(sources.size() == 1 ? " run" : " runs").append(" of ")
                .append(summary.size()).append(summary.size() == 1 ? " configuration" : " configurations")
                .append(". Metrics of GEM (Lopez-Paz &amp; Ranzato, 2017) as in MER (Riemer et al., 2019): ")
                .append("RA, retained accuracy (the accuracy matrix's last row, averaged); LA, learning accuracy ")
                .append("(its diagonal, averaged); BTI, backward transfer and interference (RA − LA). ")
                .append("Accuracies are fractions of the test examples; ± is the sample standard deviation over ")
                .append("seeds. Each figure links to its SVG.</p>\n");
        summaryTable(h, summary);
        section(h, "Accuracy over the stream", figures, Figure.Kind.EVOLUTION);
        section(h, "RA, LA and BTI per model", figures, Figure.Kind.BARS);
        section(h, "Accuracy matrices", figures, Figure.Kind.MATRIX);
        h.append("<h2 id=\"sources\">Result files</h2>\n<ol class=\"files\">\n");
        for (Path s : sources) {
            h.append("<li><a href=\"").append(escape(href(directory, s))).append("\">").append(escape(s.toString()))
                    .append("</a></li>\n");
        }
        h.append("</ol>\n<p>Written by <code>mer report</code>.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summaryTable(StringBuilder h, List<SummaryRow> summary) {
        h.append("<h2 id=\"summary\">Summary</h2>\n<table>\n<thead><tr>")
                .append("<th class=\"text\">dataset</th><th class=\"text\">model</th><th>memories</th><th>seeds</th>")
                .append("<th>RA</th><th>LA</th><th>BTI</th><th>seconds per run</th></tr></thead>\n<tbody>\n");
        for (SummaryRow r : summary) {
            h.append("<tr><td class=\"text\">").append(escape(Styles.datasetName(r.dataset())))
                    .append("</td><td class=\"text\"><span class=\"swatch\" style=\"background:")
                    .append(hex(Styles.colour(r.model()))).append("\"></span>").append(escape(r.model()))
                    .append("</td><td>").append(memories(r.memories()))
                    .append("</td><td>").append(escape(seeds(r)))
                    .append("</td><td>").append(escape(r.ra().format(3)))
                    .append("</td><td>").append(escape(r.la().format(3)))
                    .append("</td><td>").append(escape(r.bti().format(3)))
                    .append("</td><td>").append(escape(r.seconds().format(1)))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void section(StringBuilder h, String heading, List<Figure> figures, Figure.Kind kind) {
        List<Figure> of = figures.stream().filter(f -> f.kind() == kind).toList();
        if (of.isEmpty()) {
            return;
        }
        h.append("<h2 id=\"").append(kind.name().toLowerCase(Locale.ROOT)).append("\">").append(escape(heading))
                .append("</h2>\n");
        for (Figure f : of) {
            String png = f.png().getFileName().toString();
            String svg = f.svg().getFileName().toString();
            h.append("<figure>\n<a href=\"").append(escape(encode(svg))).append("\"><img src=\"")
                    .append(escape(encode(png))).append("\" width=\"").append(f.width()).append("\" height=\"")
                    .append(f.height()).append("\" alt=\"").append(escape(f.title())).append("\"></a>\n")
                    .append("<figcaption><strong>").append(escape(f.title())).append(".</strong> ")
                    .append(escape(f.caption())).append(" <a href=\"").append(escape(encode(png)))
                    .append("\">PNG</a> · <a href=\"").append(escape(encode(svg))).append("\">SVG</a></figcaption>\n")
                    .append("</figure>\n");
        }
    }

    private static String datasets(List<SummaryRow> summary) {
        List<String> names = new ArrayList<>();
        for (SummaryRow r : summary) {
            String n = Styles.datasetName(r.dataset());
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return String.join(", ", names);
    }

    private static String seeds(SummaryRow r) {
        List<Long> s = r.seeds();
        return s.size() + " (" + (s.size() <= 6 ? s.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b)
                .orElse("") : s.get(0) + "…" + s.get(s.size() - 1)) + ")";
    }

    private static String memories(OptionalInt m) {
        return m.isPresent() ? Integer.toString(m.getAsInt()) : "–";
    }

    private static String hex(java.awt.Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** A relative link from the report's directory to {@code file}, each segment percent-encoded. */
    static String href(Path directory, Path file) {
        Path rel = directory.relativize(file);
        List<String> parts = new ArrayList<>();
        for (Path p : rel) {
            parts.add(encode(p.toString()));
        }
        return String.join("/", parts);
    }

    private static String encode(String segment) {
        return segment.equals("..") ? segment
                : URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
