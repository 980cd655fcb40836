package dev.mer.fetch.lock;

import dev.mer.dataset.AtomicFiles;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code datasets.lock}: sections of {@code key = value} lines, {@code #} comments, {@code url}
 * repeatable. Reviewed like code, so mer rewrites nothing in it but the {@code sha256 = unpinned}
 * and {@code size = unknown} lines of an entry whose digest it records on first download.
 */
public final class DatasetLock {
    static final String UNPINNED = "unpinned";
    static final String UNKNOWN = "unknown";

    private final Path path;
    private final Map<String, LockEntry> entries;

    private DatasetLock(Path path, Map<String, LockEntry> entries) {
        this.path = path;
        this.entries = entries;
    }

    /** Reads and validates the lock file; errors name the file and line. */
    public static DatasetLock read(Path path) throws IOException {
        List<String> lines;
        try {
            lines = TextFiles.readUtf8Lines(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path, "no such lock file (mer fetch needs datasets.lock; use --lock FILE)");
        }
        Map<String, LockEntry> entries = new LinkedHashMap<>();
        Map<String, List<String>> section = null;
        String name = null;
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i).strip() : "[]";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                if (name != null) {
                    entries.put(name, entry(path, start, name, section));
                }
                name = line.substring(1, line.length() - 1).strip();
                if (i < lines.size() && (name.isEmpty() || entries.containsKey(name))) {
                    throw new InvalidInputException(path, "line " + (i + 1) + ": empty or repeated section [" + name + "]");
                }
                section = new LinkedHashMap<>();
                start = i + 1;
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || name == null) {
                throw new InvalidInputException(path, "line " + (i + 1) + ": expected 'key = value' inside a [section]: "
                        + line);
            }
            section.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
                    .add(line.substring(eq + 1).strip());
        }
        return new DatasetLock(path, entries);
    }

    private static LockEntry entry(Path path, int line, String name, Map<String, List<String>> s)
            throws InvalidInputException {
        try {
            for (Map.Entry<String, List<String>> e : s.entrySet()) {
                if (!e.getKey().equals("url") && e.getValue().size() > 1) {
                    throw new IllegalArgumentException("'" + e.getKey() + "' given twice");
                }
            }
            String size = one(s, "size", UNKNOWN);
            String sha = one(s, "sha256", UNPINNED);
            return new LockEntry(name, one(s, "kind", null), one(s, "file", null), s.getOrDefault("url", List.of()),
                    size.equals(UNKNOWN) ? -1 : Long.parseLong(size), sha.equals(UNPINNED) ? null : sha,
                    one(s, "md5", null), one(s, "member", null), Long.parseLong(one(s, "max_unpacked_size", "0")),
                    one(s, "target", null));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path, "section [" + name + "] (line " + line + "): " + e.getMessage());
        }
    }

    private static String one(Map<String, List<String>> s, String key, String absent) {
        List<String> v = s.get(key);
        return v == null ? absent : v.get(0);
    }

    /** The lock file. */
    public Path path() {
        return path;
    }

    /** Every entry, in file order. */
    public List<LockEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** The entries of a group ({@code rotations}, {@code mnist}...), in file order. */
    public List<LockEntry> group(String group) {
        return entries.values().stream().filter(e -> e.group().equals(group)).toList();
    }

    /** The groups, in file order. */
    public List<String> groups() {
        return entries.values().stream().map(LockEntry::group).distinct().toList();
    }

    /**
     * Pins an entry's digest and size after its first verified download: rewrites that section's
     * {@code sha256 = unpinned} and {@code size = unknown} lines, atomically, and nothing else.
     *
     * @return the lock as it now reads
     */
    public DatasetLock record(String id, String sha256, long size) throws IOException {
        List<String> lines = TextFiles.readUtf8Lines(path);
        String current = null;
        boolean shaDone = false;
        boolean sizeDone = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1).strip();
            } else if (id.equals(current) && line.matches("sha256\\s*=\\s*" + UNPINNED)) {
                lines.set(i, "sha256 = " + sha256);
                shaDone = true;
            } else if (id.equals(current) && line.matches("size\\s*=\\s*" + UNKNOWN)) {
                lines.set(i, "size = " + size);
                sizeDone = true;
            }
        }
        if (!shaDone) {
            throw new InvalidInputException(path, "section [" + id + "] has no 'sha256 = unpinned' line to record into");
        }
        if (!sizeDone && entries.get(id).size() < 0) {
            lines.add(lines.indexOf("sha256 = " + sha256), "size = " + size);
        }
        AtomicFiles.writeString(path, String.join("\n", lines) + "\n");
        return read(path);
    }
}
