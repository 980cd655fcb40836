package dev.mer.report.demo;

import dev.mer.experiment.suite.SuiteOutcome;
import dev.mer.experiment.suite.SuiteSummary;
import dev.mer.report.ReportFiles;
import java.util.Objects;

/**
 * What the demo produced.
 *
 * @param summary the summary written (one row per model), as {@code mer suite} writes it
 * @param report the report written
 * @param runs the suite's outcome
 * @param seconds wall time of the whole demo
 */
public record DemoOutcome(SuiteSummary summary, ReportFiles report, SuiteOutcome runs, double seconds) {
    public DemoOutcome {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(runs, "runs");
    }
}
