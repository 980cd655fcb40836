package dev.mer.fetch.download;

import dev.mer.dataset.progress.Progress;
import java.time.Duration;

/**
 * What a download reports while it runs: its bytes on disk as any {@link Progress} (the note says
 * which attempt on which mirror, after the first), and the events of a download alone, its
 * attempts and retries. The terminal's progress line is one implementation.
 */
public interface DownloadListener extends Progress {
    /** An attempt starts: {@code have} bytes are already on disk, {@code total} is -1 if unknown. */
    default void attempt(String url, int attempt, int mirror, int mirrors, long have, long total) {
    }

    /** {@code done} of {@code total} bytes (-1: unknown) are on disk. */
    @Override
    default void update(long done, long total, String note) {
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
