package dev.mer.dataset.progress;

/**
 * How far a long piece of work has come, for a terminal bar or a log, in units the caller chooses
 * (bytes, images). One interface for every stage, as DJL's single {@code Progress}; called from one
 * thread at a time.
 */
@FunctionalInterface
public interface Progress {
    /** Reports nothing. */
    Progress NONE = (done, total, note) -> { };

    /**
     * {@code done} of {@code total} units of the current stage are done.
     *
     * @param total the units in all, or -1 when unknown
     * @param note a short text beside the figures (the task, the attempt), or empty
     */
    void update(long done, long total, String note);

    /**
     * A new stage of the work starts, named (e.g. {@code reading}, then {@code writing}): what
     * follows counts from zero, its rate and ETA from now.
     */
    default void stage(String name) {
    }
}
