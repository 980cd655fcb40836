package dev.mer.cli;

import dev.mer.experiment.suite.SuiteListener;
import dev.mer.experiment.suite.SuiteProgress;
import dev.mer.experiment.suite.SuiteRun;
import dev.mer.train.RunResult;
import dev.mer.train.metrics.AccuracyMatrix;
import java.io.PrintWriter;
import java.util.Locale;

/** One line per ended run of a suite on stderr, with its metrics, the suite's progress and ETA. */
final class RunLines implements SuiteListener {
    private final PrintWriter err;
    private final String prefix;

    /** Lines on {@code err}, each starting with {@code prefix} (the command, e.g. {@code mer suite}). */
    RunLines(PrintWriter err, String prefix) {
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public void finished(SuiteRun run, RunResult result, SuiteProgress p) {
        AccuracyMatrix m = result.matrix();
        err.printf(Locale.ROOT, "%s: [%d/%d] %s: RA %.4f  LA %.4f  BTI %.4f  (%.1f s)  elapsed %s, ETA %s%n",
                prefix, p.ended(), p.total(), run.label(), m.retainedAccuracy(), m.learningAccuracy(), m.bti(),
                result.seconds(), Units.duration(p.elapsedSeconds()), Units.duration(p.etaSeconds()));
        err.flush();
    }

    @Override
    public void failed(SuiteRun run, Exception error, SuiteProgress p) {
        String message = UserErrors.userMessage(error);
        err.printf(Locale.ROOT, "%s: [%d/%d] %s FAILED: %s  elapsed %s, ETA %s%n", prefix, p.ended(), p.total(),
                run.label(), message != null ? message : error, Units.duration(p.elapsedSeconds()),
                Units.duration(p.etaSeconds()));
        err.flush();
    }
}
