package dev.mer.fetch;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code mer fetch} does besides downloading.
 *
 * @param dataDir where task-sets, raw files and downloads go ({@code data/})
 * @param lockFile the {@code datasets.lock} to verify against and record into
 * @param mirrors base URLs tried before the lock file's, each serving files under their lock names
 * @param keepArchive keep the downloaded archive after extraction
 * @param keepPt keep the extracted {@code .pt} after conversion
 * @param convert convert the {@code .pt} into a task-set
 * @param frozen refuse lock entries without a pinned SHA-256
 */
public record FetchOptions(Path dataDir, Path lockFile, List<String> mirrors, boolean keepArchive, boolean keepPt,
                           boolean convert, boolean frozen) {
    public FetchOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(lockFile, "lockFile");
        mirrors = List.copyOf(mirrors);
    }
}
