package dev.mer.train.checkpoint;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * When a run writes its checkpoint, and whether it starts from one.
 *
 * <p>A run with a checkpoint file writes it at the start of every task after the first, every
 * {@code every} examples when {@code every > 0} (at the first batch boundary after), and when
 * {@code stop} answers true (a signal: it then writes and stops with {@link RunStopped}). The
 * checkpoint is always taken between two batches, before that point's evaluation, with every
 * earlier evaluation finished.
 *
 * @param file where the run keeps its latest checkpoint; {@code null} for none (the other
 *     components are then ignored)
 * @param every examples between periodic checkpoints; 0 for task ends (and signals) only
 * @param resume start from {@code file} when it exists (a fresh start when it does not)
 * @param stop asked between batches: whether to checkpoint and stop now
 * @param runName the caller's name for the run (e.g. its result files' stem), kept in the
 *     checkpoint so that every session of the run writes under the same name
 *     ({@link dev.mer.train.Trainer#checkpointedRunName})
 * @param minSeconds the least training time between two checkpoints at task starts or every
 *     {@code every} examples (a signal's is always written): a durable write costs tens to
 *     hundreds of milliseconds (fsync), which a short run's twenty task starts should not pay
 */
public record CheckpointPolicy(Path file, long every, boolean resume, BooleanSupplier stop, String runName,
                               double minSeconds) {
    /** No checkpoint: the run starts from scratch and is not stopped. */
    public static final CheckpointPolicy NONE = new CheckpointPolicy(null, 0, false, () -> false, "", 0);

    public CheckpointPolicy {
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(runName, "runName");
        if (!(minSeconds >= 0)) {
            throw new IllegalArgumentException("Invalid time between checkpoints: " + minSeconds + " s");
        }
        if (every < 0) {
            throw new IllegalArgumentException("Invalid checkpoint interval: " + every + " examples");
        }
    }

    /** Checkpoints at {@code file}, resuming from it when it exists, stopped when {@code stop} says so. */
    public static CheckpointPolicy at(Path file, long every, BooleanSupplier stop) {
        return new CheckpointPolicy(Objects.requireNonNull(file, "file"), every, true, stop, "", 0);
    }

    /** This policy with at least {@code seconds} of training between two checkpoints not asked for by a signal. */
    public CheckpointPolicy withMinSeconds(double seconds) {
        return new CheckpointPolicy(file, every, resume, stop, runName, seconds);
    }

    /** Whether the run keeps a checkpoint. */
    public boolean enabled() {
        return file != null;
    }
}
