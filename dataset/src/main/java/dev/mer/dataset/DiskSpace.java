package dev.mer.dataset;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A full disk as the user's error it is: one line naming the destination, the space the write
 * needs and the space there is, rather than the operating system's bare "No space left on device".
 * Writers that know their size ask {@link #require} before writing anything; a write that fills
 * the disk anyway (another process took the space) is explained by {@link #explain}.
 */
public final class DiskSpace {
    private DiskSpace() {
    }

    /**
     * Refuses to start writing {@code bytes} at {@code destination} (a file or directory to be,
     * whose nearest existing ancestor's file system is asked) when the disk has less room.
     *
     * @throws InvalidInputException naming the destination, the space needed and the space free
     */
    public static void require(Path destination, long bytes) throws IOException {
        long free = usable(destination);
        if (free >= 0 && free < bytes) {
            throw new InvalidInputException(destination, "not enough disk space: writing it needs " + describe(bytes)
                    + ", " + describe(free) + " free there");
        }
    }

    /**
     * {@code e} as the user's error when it is the disk filling up while writing {@code destination}
     * ({@code needed} bytes in all, or negative when unknown); otherwise {@code e} itself.
     */
    public static IOException explain(IOException e, Path destination, long needed) {
        if (!isNoSpace(e) || e instanceof InvalidInputException) {
            return e;
        }
        long free = usable(destination);
        return new InvalidInputException(destination, "the disk is full: no space left on the device while writing it"
                + (needed >= 0 ? " (it needs " + describe(needed) + ")" : "")
                + (free >= 0 ? ", " + describe(free) + " free there now" : ""), e);
    }

    /** Whether {@code e} is the operating system's ENOSPC ("No space left on device"). */
    public static boolean isNoSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t instanceof FileSystemException f ? f.getReason() : t.getMessage();
            if (m != null && m.contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    /** Usable bytes on the file system that {@code path} (or its nearest existing ancestor) is on; −1 if unknown. */
    static long usable(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return -1;
        }
        try {
            FileStore store = Files.getFileStore(p);
            return store.getUsableSpace();
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** A byte count for people, in SI units: {@code 812 B}, {@code 9.95 MB}, {@code 47.0 GB}. */
    public static String describe(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
