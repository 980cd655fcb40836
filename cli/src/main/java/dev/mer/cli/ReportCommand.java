package dev.mer.cli;

import dev.mer.dataset.InvalidInputException;
import dev.mer.report.Report;
import dev.mer.report.ReportFiles;
import dev.mer.experiment.results.RunRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mer report}: figures and a page from result files. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"Plot result files as PNG/SVG figures and an HTML page.",
            "GEM's accuracy-over-the-stream and RA/LA/BTI bar plots and each model's accuracy matrix",
            "as a heatmap, averaged over seeds, with an index.html that shows them beside the summary",
            "table. Prints the index's path."},
        footer = {"", "Examples:",
            "  mer report results/",
            "  mer report results/meralg1_*.json results/eralg4_*.json --out reports/rotations"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULTS",
            description = "Result files (.json written by mer train) or directories searched for them.")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The report's directory (default: ${DEFAULT-VALUE}); a previous report there is replaced.")
    Path out = Path.of("reports");

    @Override
    public Integer call() throws Exception {
        List<RunRecord> runs = RunRecord.readAll(inputs);
        if (runs.isEmpty()) {
            throw new InvalidInputException(inputs.get(0), inputs.size() == 1
                    ? "no mer result files (.json written by mer train) found"
                    : "no mer result files (.json written by mer train) found here nor in the other "
                            + (inputs.size() - 1) + " paths given");
        }
        ReportFiles report = Report.write(runs, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "report: %s (%d figures of %d runs)%n", report.index(), report.figures().size(),
                runs.size());
        w.flush();
        return 0;
    }
}
