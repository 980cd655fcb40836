package dev.mer.convert;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.MappedBuffers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Read access to a large file through one memory-mapped window at a time, unmapped explicitly as
 * soon as it is left. Mapping avoids the copy of every byte from the page cache that
 * {@code read(2)} makes (BENCHMARKS.md, "Converting .pt files"); unmapping at once,
 * rather than when the garbage collector gets to it, keeps the resident size to one window
 * whatever the file's size. Not thread-safe: one instance per thread.
 */
final class FileWindows implements AutoCloseable {
    /** Bytes mapped at a time. */
    static final int WINDOW = 64 << 20;
    private final FileChannel channel;
    private final Path file;
    private final long size;
    private MappedByteBuffer window;
    private long windowStart;

    FileWindows(FileChannel channel, Path file) throws IOException {
        this.channel = channel;
        this.file = file;
        this.size = channel.size();
    }

    /**
     * The {@code length ≤ WINDOW} bytes at {@code position}, little-endian, valid until the next
     * call; positioned at 0.
     */
    ByteBuffer slice(long position, int length) throws IOException {
        if (position < 0 || length < 0 || length > WINDOW || position + length > size) {
            throw new InvalidInputException(file, "unexpected end of file: " + length + " bytes at byte " + position
                    + " of " + size + " (truncated?)");
        }
        if (window == null || position < windowStart || position + length > windowStart + window.capacity()) {
            unmap();
            windowStart = position;
            window = channel.map(FileChannel.MapMode.READ_ONLY, position, Math.min(WINDOW, size - position));
        }
        return window.slice((int) (position - windowStart), length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void unmap() {
        MappedByteBuffer w = window;
        window = null;
        MappedBuffers.unmap(w);
    }

    @Override
    public void close() {
        unmap();
    }
}
