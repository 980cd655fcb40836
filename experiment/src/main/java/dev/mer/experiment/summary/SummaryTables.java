package dev.mer.experiment.summary;

import dev.mer.dataset.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code summary.md} and {@code summary.csv}: one line per model × dataset × memory size with the
 * mean ± sample standard deviation of RA, LA and BTI over seeds (as fractions, like the result
 * files), the number of seeds, wall time per run, and the paper's published figure where the
 * project has it (in percent, as the paper prints it).
 */
public final class SummaryTables {
    /** The CSV's header line. */
    public static final String CSV_HEADER = "model,dataset,memories,seeds,ra_mean,ra_std,la_mean,la_std,bti_mean,bti_std,"
            + "seconds_mean,seconds_total,paper_table,paper_ra_percent,paper_ra_std_percent,paper_la_percent,"
            + "paper_la_std_percent,paper_bti_percent,paper_bti_std_percent";

    private SummaryTables() {
    }

    /** The Markdown table, with a preamble saying what the columns are. */
    public static String markdown(List<SummaryRow> rows, PublishedFigures paper) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Summary\n\n");
        sb.append("RA (retained accuracy: mean of the accuracy matrix's last row), LA (learning accuracy: mean of"
                + " its diagonal) and BTI (backward transfer and interference: mean of final minus just-learnt"
                + " accuracy) as mean ± sample standard deviation over seeds. **Ours are fractions in [0, 1]**;"
                + " the paper's columns are **percentages**, as printed in the table named (Riemer et al., ICLR"
                + " 2019, arXiv:1810.11910v3), blank where the project does not have the figure.\n\n");
        sb.append("| model | dataset | memories | seeds | RA | LA | BTI | paper RA (%) | paper LA (%) | paper BTI (%)"
                + " | paper table | s per run | total s |\n");
        sb.append("|---|---|---:|---:|---|---|---|---|---|---|---|---:|---:|\n");
        for (SummaryRow r : rows) {
            Optional<PublishedFigures.Figure> p = paper.find(r.model(), r.dataset(), r.memories());
            sb.append("| ").append(r.model())
                    .append(" | ").append(r.dataset())
                    .append(" | ").append(r.memories().isPresent() ? Integer.toString(r.memories().getAsInt()) : "-")
                    .append(" | ").append(r.runs().size())
                    .append(" | ").append(r.ra().format(4))
                    .append(" | ").append(r.la().format(4))
                    .append(" | ").append(r.bti().format(4))
                    .append(" | ").append(p.map(f -> percent(f.ra(), f.raStd())).orElse(""))
                    .append(" | ").append(p.map(f -> percent(f.la(), f.laStd())).orElse(""))
                    .append(" | ").append(p.map(f -> percent(f.bti(), f.btiStd())).orElse(""))
                    .append(" | ").append(p.map(PublishedFigures.Figure::table).orElse(""))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", r.seconds().mean()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", total(r)))
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** The CSV: fractions for ours, percentages for the paper's, empty cells for what is unknown. */
    public static String csv(List<SummaryRow> rows, PublishedFigures paper) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (SummaryRow r : rows) {
            Optional<PublishedFigures.Figure> p = paper.find(r.model(), r.dataset(), r.memories());
            sb.append(r.model()).append(',').append(r.dataset()).append(',')
                    .append(r.memories().isPresent() ? Integer.toString(r.memories().getAsInt()) : "").append(',')
                    .append(r.runs().size()).append(',')
                    .append(num(r.ra().mean())).append(',').append(num(r.ra().std())).append(',')
                    .append(num(r.la().mean())).append(',').append(num(r.la().std())).append(',')
                    .append(num(r.bti().mean())).append(',').append(num(r.bti().std())).append(',')
                    .append(num(r.seconds().mean())).append(',').append(num(total(r))).append(',')
                    .append(p.map(PublishedFigures.Figure::table).orElse("")).append(',')
                    .append(p.map(f -> num(f.ra())).orElse("")).append(',')
                    .append(p.map(f -> num(f.raStd())).orElse("")).append(',')
                    .append(p.map(f -> num(f.la())).orElse("")).append(',')
                    .append(p.map(f -> num(f.laStd())).orElse("")).append(',')
                    .append(p.map(f -> num(f.bti())).orElse("")).append(',')
                    .append(p.map(f -> num(f.btiStd())).orElse("")).append('\n');
        }
        return sb.toString();
    }

    /** The name of the Markdown table {@link #write} writes. */
    public static final String MARKDOWN_FILE = "summary.md";
    /** The name of the CSV table {@link #write} writes. */
    public static final String CSV_FILE = "summary.csv";

    /** Writes {@code out/summary.md} and {@code out/summary.csv}, each atomically. */
    public static void write(Path out, List<SummaryRow> rows, PublishedFigures paper) throws IOException {
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve(MARKDOWN_FILE), markdown(rows, paper));
        AtomicFiles.writeString(out.resolve(CSV_FILE), csv(rows, paper));
    }

    private static double total(SummaryRow r) {
        return r.seconds().mean() * r.seconds().n();
    }

    private static String percent(OptionalDouble mean, OptionalDouble std) {
        if (mean.isEmpty()) {
            return "";
        }
        String m = String.format(Locale.ROOT, "%.2f", mean.getAsDouble());
        return std.isPresent() ? m + String.format(Locale.ROOT, " ± %.2f", std.getAsDouble()) : m;
    }

    private static String num(OptionalDouble v) {
        return v.isPresent() ? num(v.getAsDouble()) : "";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
