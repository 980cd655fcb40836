package dev.mer.fetch.archive;

import dev.mer.dataset.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Streams a {@code .tar.gz} (or plain {@code .tar}) into a directory through Commons Compress,
 * without an intermediate copy of the tar.
 */
public final class ArchiveExtractor {
    /** Entries an archive may hold: the lock's archives hold one .pt (and perhaps a directory or two). */
    static final int MAX_ENTRIES = 4096;

    private ArchiveExtractor() {
    }

    /**
     * Extracts the regular files of {@code archive} below {@code destination}.
     *
     * @param maxBytes the most bytes all entries together may hold (a bound from the lock file)
     * @return the extracted files, in archive order
     * @throws InvalidInputException naming the archive and the offending entry; files already
     *     extracted stay (the caller owns {@code destination}), the offending one is removed
     */
    public static List<Path> extract(Path archive, Path destination, long maxBytes) throws IOException {
        Path root = destination.toAbsolutePath().normalize();
        Files.createDirectories(root);
        List<Path> files = new ArrayList<>();
        long total = 0;
        int entries = 0;
        // One copy buffer for all entries: an archive of thousands of empty files costs no more.
        byte[] buffer = new byte[1 << 20];
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 20);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(raw, archive))) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar, archive)) != null) {
                String name = entry.getName();
                if (++entries > MAX_ENTRIES) {
                    throw new InvalidInputException(archive, "refusing archive: more than " + MAX_ENTRIES
                            + " entries (a dataset archive holds a few files)");
                }
                Path target;
                try {
                    target = root.resolve(name).normalize();
                } catch (InvalidPathException e) {
                    throw new InvalidInputException(archive, "refusing archive entry '" + name + "': not a valid path ("
                            + e.getReason() + ")");
                }
                if (name.startsWith("/") || name.contains("\\") || !target.startsWith(root) || target.equals(root)
                        && !entry.isDirectory()) {
                    throw new InvalidInputException(archive, "refusing archive entry '" + name
                            + "': it would be written outside " + destination);
                }
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new InvalidInputException(archive, "refusing archive entry '" + name + "': a link (to '"
                            + entry.getLinkName() + "')");
                }
                if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                    throw new InvalidInputException(archive, "refusing archive entry '" + name + "': a device or FIFO");
                }
                if (entry.isDirectory()) {
                    writing(archive, name, () -> Files.createDirectories(target));
                    continue;
                }
                if (!entry.isFile()) {
                    throw new InvalidInputException(archive, "refusing archive entry '" + name
                            + "': not a regular file");
                }
                if (entry.getSize() < 0 || total + entry.getSize() > maxBytes) {
                    throw new InvalidInputException(archive, "refusing archive entry '" + name + "': its "
                            + entry.getSize() + " bytes exceed the bound of " + maxBytes + " bytes in datasets.lock");
                }
                long size = entry.getSize();
                total += writing(archive, name, () -> copy(tar, archive, name, target, size, buffer));
                files.add(target);
            }
        }
        return files;
    }

    private static InputStream decompressed(InputStream raw, Path archive) throws IOException {
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new GzipCompressorInputStream(raw, true);
            } catch (IOException e) {
                throw new InvalidInputException(archive, "corrupt gzip header (" + e.getMessage() + ")");
            }
        }
        return raw;
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, Path archive) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw new InvalidInputException(archive, "corrupt or truncated archive (" + e.getMessage() + ")");
        }
    }

    /** Writing an entry into the destination. */
    @FunctionalInterface
    private interface Write<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code write} for entry {@code name}; a file-system refusal (a file where an earlier entry
     * made a directory, or the reverse) is the archive's error, naming it and the entry (issue 16's
     * fuzzing finding: it was a FileAlreadyExistsException or "Is a directory" naming only a file in
     * the staging directory).
     */
    private static <T> T writing(Path archive, String name, Write<T> write) throws IOException {
        try {
            return write.run();
        } catch (FileSystemException e) {
            if (e instanceof AccessDeniedException) {
                throw e;
            }
            throw new InvalidInputException(archive, "cannot extract archive entry '" + name + "': "
                    + (e instanceof FileAlreadyExistsException ? "it or its directory clashes with an earlier entry"
                            : e.getReason() != null ? e.getReason() : e.toString()) + " (" + e.getFile() + ")", e);
        }
    }

    private static long copy(InputStream in, Path archive, String name, Path target, long declared, byte[] buffer)
            throws IOException {
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long written = 0;
        try (OutputStream out = Files.newOutputStream(part)) {
            int n;
            while (true) {
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new InvalidInputException(archive, "corrupt or truncated archive in entry '" + name + "' ("
                            + e.getMessage() + ")");
                }
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                written += n;
            }
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        if (written != declared) {
            Files.deleteIfExists(part);
            throw new InvalidInputException(archive, "truncated archive: entry '" + name + "' has " + written + " of "
                    + declared + " bytes");
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return written;
    }
}
