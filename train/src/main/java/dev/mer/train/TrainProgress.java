package dev.mer.train;

/**
 * Where a run is, published after every evaluation and periodically between them.
 *
 * @param batchesDone batches observed
 * @param batches batches in the run
 * @param task the task being learnt
 * @param meanAccuracy the mean test accuracy over all tasks at the latest evaluation
 * @param elapsedNanos time since training started
 */
public record TrainProgress(long batchesDone, long batches, int task, float meanAccuracy, long elapsedNanos) {

    /** Receives progress; called from the training thread. */
    @FunctionalInterface
    public interface Listener {
        void progress(TrainProgress p);

        /** A listener that ignores everything. */
        Listener NONE = p -> { };
    }
}
