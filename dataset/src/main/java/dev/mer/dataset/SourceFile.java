package dev.mer.dataset;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file a task-set was made from, identified by content.
 *
 * @param name the file's name (not its full path, which would make outputs machine-dependent)
 * @param size its size in bytes
 * @param sha256 lower-case hex SHA-256 of its bytes
 */
public record SourceFile(String name, long size, String sha256) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public SourceFile {
        Objects.requireNonNull(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("Invalid source file size: " + size);
        }
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Invalid sha256 for " + name + ": " + sha256);
        }
    }
}
