package dev.mer.fetch.archive;

import dev.mer.dataset.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
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
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 20);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(raw, archive))) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar, archive)) != null) {
                String name = entry.getName();
                Path target = root.resolve(name).normalize();
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
                    Files.createDirectories(target);
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
                total += copy(tar, archive, name, target, entry.getSize());
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

    private static long copy(InputStream in, Path archive, String name, Path target, long declared) throws IOException {
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long written = 0;
        try (OutputStream out = Files.newOutputStream(part)) {
            byte[] buffer = new byte[1 << 20];
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
