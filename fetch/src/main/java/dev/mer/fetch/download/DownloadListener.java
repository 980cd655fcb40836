package dev.mer.fetch.download;

import java.time.Duration;

/** What a download reports while it runs; the terminal progress bar is one implementation. */
public interface DownloadListener {
    /** An attempt starts: {@code have} bytes are already on disk, {@code total} is -1 if unknown. */
    default void attempt(String url, int attempt, int mirror, int mirrors, long have, long total) {
    }

    /** {@code done} of {@code total} bytes (-1: unknown) are on disk. */
    default void progress(long done, long total) {
    }

    /** An attempt failed for {@code reason}; the next starts after {@code delay}. */
    default void retry(String reason, Duration delay) {
    }

    /** A listener that reports nothing. */
    static DownloadListener silent() {
        return new DownloadListener() {
        };
    }
}
