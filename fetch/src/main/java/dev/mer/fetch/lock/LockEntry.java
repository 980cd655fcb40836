package dev.mer.fetch.lock;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of {@code datasets.lock}.
 *
 * @param id the section name, e.g. {@code rotations} or {@code mnist/train-images}
 * @param kind {@code mer-archive} (a tar.gz holding one {@code .pt}) or {@code raw} (kept as downloaded)
 * @param file the file name, also the name mirrors serve it under
 * @param urls where to download it, in order of preference
 * @param size its size in bytes, or -1 when not yet known
 * @param sha256 lower-case hex SHA-256, or {@code null} when not yet pinned
 * @param md5 lower-case hex MD5 where the publisher gives one, else {@code null}
 * @param member for archives: the {@code .pt} file inside, else {@code null}
 * @param maxUnpackedSize for archives: the most bytes extraction may write, else 0
 * @param target for archives, the task-set directory name; for raw files, the directory under the data directory
 */
public record LockEntry(String id, String kind, String file, List<String> urls, long size, String sha256, String md5,
                        String member, long maxUnpackedSize, String target) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** The kind of a MER archive entry. */
    public static final String ARCHIVE = "mer-archive";
    /** The kind of a file kept as downloaded. */
    public static final String RAW = "raw";

    public LockEntry {
        Objects.requireNonNull(id, "id");
        if (!ARCHIVE.equals(kind) && !RAW.equals(kind)) {
            throw new IllegalArgumentException("kind must be " + ARCHIVE + " or " + RAW + ", not '" + kind + "'");
        }
        if (file == null || !FILE_NAME.matcher(file).matches()) {
            throw new IllegalArgumentException("invalid file name '" + file + "'");
        }
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no url");
        }
        if (size < -1) {
            throw new IllegalArgumentException("invalid size " + size);
        }
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("invalid sha256 '" + sha256 + "'");
        }
        if (md5 != null && !MD5.matcher(md5).matches()) {
            throw new IllegalArgumentException("invalid md5 '" + md5 + "'");
        }
        if (ARCHIVE.equals(kind) && (member == null || maxUnpackedSize <= 0)) {
            throw new IllegalArgumentException("an archive needs 'member' and 'max_unpacked_size'");
        }
        if (target == null || target.isBlank() || target.contains("..")) {
            throw new IllegalArgumentException("invalid target '" + target + "'");
        }
    }

    /** The group this entry belongs to: the section name up to its first {@code /}. */
    public String group() {
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }

    /** Whether a digest pins the content: a SHA-256, or the publisher's MD5. */
    public boolean pinned() {
        return sha256 != null || md5 != null;
    }
}
