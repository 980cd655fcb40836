package dev.mer.experiment.suite;

/**
 * Where a suite is, after each finished (or failed) run.
 *
 * @param finished runs finished in this invocation
 * @param failed runs that failed in this invocation
 * @param total runs this invocation has to do (the finished ones of earlier invocations excluded)
 * @param elapsedSeconds wall time since this invocation started running
 */
public record SuiteProgress(int finished, int failed, int total, double elapsedSeconds) {
    public SuiteProgress {
        if (finished < 0 || failed < 0 || finished + failed > total) {
            throw new IllegalArgumentException("Invalid progress: " + finished + " finished, " + failed + " failed of "
                    + total);
        }
    }

    /** Runs ended, finished or failed. */
    public int ended() {
        return finished + failed;
    }

    /**
     * Seconds until the last run ends, at the throughput so far (ended runs per second of wall
     * time, which accounts for parallel jobs); NaN before the first run ends.
     */
    public double etaSeconds() {
        int ended = ended();
        return ended == 0 ? Double.NaN : elapsedSeconds / ended * (total - ended);
    }
}
