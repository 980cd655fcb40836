package dev.mer.dataset;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files written whole or not at all: the content goes to a hidden temporary beside the file
 * ({@code .NAME.tmp}, which readers of a directory skip), then replaces the file in one rename. A
 * crash leaves the old file or the new one, never half of one.
 */
public final class AtomicFiles {
    private static final int BUFFER = 1 << 20;

    private AtomicFiles() {
    }

    /** What {@link #write(Path, Content)} puts into a file. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}, which is buffered; it need not flush or close it. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code text} (UTF-8) to {@code file}, replacing it atomically. */
    public static void writeString(Path file, String text) throws IOException {
        Path tmp = temporary(file);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw DiskSpace.explain(e, file, text.length());
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Writes {@code content} to {@code file}, replacing it atomically and durably: the temporary is
     * written through a buffer, forced to disk (fsync) and renamed over {@code file}, then the
     * directory is forced where the platform allows it. If {@code content} throws, the temporary is
     * deleted and {@code file} is left as it was.
     */
    public static void write(Path file, Content content) throws IOException {
        Path tmp = temporary(file);
        boolean moved = false;
        try {
            writeAndMove(file, tmp, content);
            moved = true;
        } catch (IOException e) {
            throw DiskSpace.explain(e, file, -1);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
        fsyncDirectory(file.toAbsolutePath().getParent());
    }

    private static void writeAndMove(Path file, Path tmp, Content content) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), BUFFER);
            content.writeTo(out);
            out.flush();
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path temporary(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".tmp");
    }

    /**
     * Makes renames in {@code dir} durable. Best effort: some file systems and platforms (Windows)
     * refuse to open a directory; a rename there is as durable as they allow.
     */
    static void fsyncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the files themselves are already complete on disk
        }
    }
}
