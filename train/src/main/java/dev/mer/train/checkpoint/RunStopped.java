package dev.mer.train.checkpoint;

import java.io.InterruptedIOException;
import java.nio.file.Path;

/**
 * A run stopped on request (a signal) after writing its checkpoint: running it again with the same
 * checkpoint continues it. Not a failure; the command line exits with {@link #EXIT_CODE}.
 */
public final class RunStopped extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    /**
     * The exit status of a {@code mer} stopped after checkpointing: 75, {@code EX_TEMPFAIL} of
     * {@code sysexits.h} ("try again later"), distinct from success (0), bad input (1), a failure
     * (70) and a signal's default death (128 + n). A job script requeues on it.
     */
    public static final int EXIT_CODE = 75;

    private final transient Path checkpoint;
    private final long examplesDone;
    private final long examples;

    public RunStopped(Path checkpoint, long examplesDone, long examples) {
        super("stopped after " + examplesDone + " of " + examples + " examples; the checkpoint is " + checkpoint
                + ": run the same command with --resume to continue");
        this.checkpoint = checkpoint;
        this.examplesDone = examplesDone;
        this.examples = examples;
    }

    /** The checkpoint it wrote. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** Examples learnt before it stopped. */
    public long examplesDone() {
        return examplesDone;
    }

    /** The run's examples. */
    public long examples() {
        return examples;
    }
}
