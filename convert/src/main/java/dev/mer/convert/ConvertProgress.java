package dev.mer.convert;

/**
 * Progress of a conversion, for a terminal bar or a log. Called from the converting thread, at
 * most every few megabytes.
 */
@FunctionalInterface
public interface ConvertProgress {
    /**
     * @param phase what is happening: {@code "reading"} (hashing the file and encoding, testing,
     *     every float32 value as k/255) or {@code "writing"} (the task-set)
     * @param done bytes of the phase done so far
     * @param total bytes of the phase in all
     */
    void update(String phase, long done, long total);

    /** Reports nothing. */
    ConvertProgress NONE = (phase, done, total) -> { };
}
