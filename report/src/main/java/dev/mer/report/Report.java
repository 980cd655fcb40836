package dev.mer.report;

import dev.mer.dataset.DiskSpace;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.files.FileTrees;
import dev.mer.experiment.results.RunRecord;
import dev.mer.experiment.summary.MeanMatrix;
import dev.mer.experiment.summary.Summary;
import dev.mer.experiment.summary.SummaryRow;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A report of finished runs: GEM's evolution and bar plots and the accuracy matrices as PNG and
 * SVG figures, and an {@code index.html} that shows them beside the summary table (the figures of
 * GEM's {@code results/plot_results.py}, over seeds). Everything is drawn headless.
 *
 * <p>The report is built in a temporary directory beside {@code outDir} and renamed into place
 * when complete, so a failed report leaves the previous one (or nothing) behind, never half a
 * page. An existing {@code outDir} is replaced only if it is empty or a previous report.
 */
public final class Report {
    /** The page's name inside the report directory. */
    public static final String INDEX = "index.html";
    /** Marks a directory as a report that a later report may replace. */
    static final String GENERATOR = "<meta name=\"generator\" content=\"mer report\">";

    static final int EVOLUTION_WIDTH = 1000;
    static final int EVOLUTION_HEIGHT = 760;
    static final int BARS_WIDTH = 1000;
    static final int BARS_HEIGHT = 600;
    static final int MATRIX_WIDTH = 900;
    static final int MATRIX_HEIGHT = 820;

    private static final Logger LOG = LoggerFactory.getLogger(Report.class);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Report() {
    }

    /**
     * Writes the report of {@code runs} to {@code outDir}.
     *
     * @param runs at least one run, e.g. from {@link RunRecord#readAll}; a file named twice (a
     *     directory and a file in it) counts once
     * @param outDir the report's directory; created, or replaced if it holds a previous report
     * @return the files written, at their final place
     * @throws InvalidInputException if {@code outDir} exists and is neither empty nor a report, or
     *     runs of one model and dataset disagree on the number of tasks
     */
    public static ReportFiles write(List<RunRecord> runs, Path outDir) throws IOException {
        runs = distinct(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("A report of no run");
        }
        Path target = outDir.toAbsolutePath().normalize();
        if (Files.exists(target) && !replaceable(target)) {
            throw new InvalidInputException(target, "exists and is not a mer report; choose another output directory");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // createDirectory, unlike createTempDirectory, leaves the permissions to the umask.
        Path staging = Files.createDirectory(parent.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID()));
        try {
            List<SummaryRow> summary = Summary.of(runs);
            List<Figure> figures = figures(summary, staging);
            List<Path> sources = runs.stream().map(r -> r.file().toAbsolutePath().normalize()).toList();
            Files.writeString(staging.resolve(INDEX), IndexPage.html(figures, summary, sources, target),
                    StandardCharsets.UTF_8);
            swap(staging, target);
            LOG.debug("report of {} runs in {}", runs.size(), target);
            return new ReportFiles(target, target.resolve(INDEX), figures.stream().map(f -> f.in(target)).toList(),
                    sources);
        } catch (IOException | RuntimeException e) {
            try {
                FileTrees.delete(staging);
            } catch (IOException | UncheckedIOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw DiskSpace.explain(io, target, -1);
            }
            throw e;
        }
    }

    private static List<Figure> figures(List<SummaryRow> summary, Path dir) throws IOException {
        List<MeanMatrix> matrices = new ArrayList<>();
        for (SummaryRow r : summary) {
            matrices.add(MeanMatrix.of(r)); // before drawing: disagreeing runs fail fast
        }
        List<Figure> out = new ArrayList<>();
        List<Panel> panels = Panel.of(summary);
        for (Panel p : panels) {
            String title = "Accuracy over the stream: " + Styles.panelName(p.dataset(), p.memories());
            out.add(draw(Charts.evolution(p, title), Figure.Kind.EVOLUTION, title,
                    "Accuracy on the first task's test set (top) and mean accuracy over all tasks' test sets "
                            + "(bottom) at each evaluation, against the training examples seen: GEM's evolution "
                            + "plot. Lines are the mean over seeds, bands ±1 standard deviation.",
                    dir, "evolution_" + p.stem(), EVOLUTION_WIDTH, EVOLUTION_HEIGHT));
        }
        for (Panel p : panels) {
            String title = "RA, LA and BTI: " + Styles.panelName(p.dataset(), p.memories());
            out.add(draw(Charts.bars(p, title), Figure.Kind.BARS, title,
                    "Retained accuracy (mean of the accuracy matrix's last row), learning accuracy (mean of its "
                            + "diagonal) and backward transfer and interference (RA − LA) per model: GEM's bar plot. "
                            + "Bars are the mean over seeds, error bars ±1 standard deviation.",
                    dir, "bars_" + p.stem(), BARS_WIDTH, BARS_HEIGHT));
        }
        for (int i = 0; i < summary.size(); i++) {
            SummaryRow r = summary.get(i);
            String title = "Accuracy matrix: " + r.model() + ", " + Styles.panelName(r.dataset(), r.memories());
            String stem = "matrix_" + Styles.slug(r.model()) + "_" + Styles.slug(r.dataset())
                    + (r.memories().isPresent() ? "_m" + r.memories().getAsInt() : "");
            out.add(draw(Charts.heatmap(r, matrices.get(i), title), Figure.Kind.MATRIX, title,
                    "Test accuracy on task j (column) after training on task t (row), mean over "
                            + r.runs().size() + (r.runs().size() == 1 ? " seed" : " seeds")
                            + (matrices.get(i).inTaskOrder() ? ". Below the diagonal: what is retained; the "
                            + "diagonal: what is learnt; above it: tasks not yet trained on."
                            : ". The tasks came in another order than 0, 1, …: the rows are labelled with the "
                            + "task each follows."),
                    dir, stem, MATRIX_WIDTH, MATRIX_HEIGHT));
        }
        return out;
    }

    private static Figure draw(JFreeChart chart, Figure.Kind kind, String title, String caption, Path dir,
                               String stem, int width, int height) throws IOException {
        Path png = dir.resolve(stem + ".png");
        Path svg = dir.resolve(stem + ".svg");
        try (OutputStream o = Files.newOutputStream(png)) {
            ChartUtils.writeChartAsPNG(o, chart, width, height);
        }
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        // No DOCTYPE: SVG 2 has none, and XML tools would fetch SVG 1.1's DTD from the network.
        Files.writeString(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g.getSVGElement() + "\n",
                StandardCharsets.UTF_8);
        LOG.debug("drew {}", png.getFileName());
        return new Figure(kind, title, caption, png, svg, width, height);
    }

    private static List<RunRecord> distinct(List<RunRecord> runs) {
        Map<Path, RunRecord> byFile = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            byFile.putIfAbsent(r.file().toAbsolutePath().normalize(), r);
        }
        return List.copyOf(byFile.values());
    }

    /** Empty, or holding a page that {@code mer report} wrote. */
    private static boolean replaceable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            if (!s.iterator().hasNext()) {
                return true;
            }
        }
        Path index = dir.resolve(INDEX);
        return Files.isRegularFile(index) && Files.readString(index, StandardCharsets.UTF_8).contains(GENERATOR);
    }

    /** Moves the finished report into place; the previous one is removed only once the new one is there. */
    private static void swap(Path staging, Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        FileTrees.delete(old);
    }
}
