package dev.mer.report.demo;

import dev.mer.experiment.suite.SuiteOutcome;
import dev.mer.experiment.summary.SummaryRow;
import dev.mer.report.ReportFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the demo produced.
 *
 * @param summary the summary rows (one per model)
 * @param report the report written
 * @param summaryFile {@code summary.md}
 * @param runs the suite's outcome
 * @param seconds wall time of the whole demo
 */
public record DemoOutcome(List<SummaryRow> summary, ReportFiles report, Path summaryFile, SuiteOutcome runs,
                          double seconds) {
    public DemoOutcome {
        summary = List.copyOf(summary);
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(summaryFile, "summaryFile");
        Objects.requireNonNull(runs, "runs");
    }
}
