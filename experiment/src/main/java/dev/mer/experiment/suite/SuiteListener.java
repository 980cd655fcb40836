package dev.mer.experiment.suite;

import dev.mer.train.RunResult;

/**
 * Hears about a suite's runs. Calls come from the worker threads, one at a time (the suite
 * serialises them), so an implementation needs no locking of its own.
 */
public interface SuiteListener {
    /** {@code run} finished and its result files are written. */
    void finished(SuiteRun run, RunResult result, SuiteProgress progress);

    /** {@code run} failed; the suite goes on with the others. */
    void failed(SuiteRun run, Exception error, SuiteProgress progress);

    /** A listener that ignores everything. */
    SuiteListener NONE = new SuiteListener() {
        @Override
        public void finished(SuiteRun run, RunResult result, SuiteProgress progress) {
        }

        @Override
        public void failed(SuiteRun run, Exception error, SuiteProgress progress) {
        }
    };
}
