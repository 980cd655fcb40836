package dev.mer.convert;

import dev.mer.dataset.files.Digests;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The input file's SHA-256, computed on a thread of its own while the conversion reads the file for
 * the encoding: the manifest, hence the task-set's first bytes, needs it. Closing abandons it.
 */
final class InputHash implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mer-convert-sha256");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong hashed = new AtomicLong();
    private final Future<String> sha256;

    /** Starts hashing {@code file}. */
    InputHash(Path file) {
        sha256 = thread.submit(() -> sha256(file, hashed));
    }

    /** Bytes hashed so far. */
    long hashed() {
        return hashed.get();
    }

    /** The lower-case hex SHA-256, once computed; {@code tick} runs every 200 ms until then. */
    String await(Runnable tick) throws IOException {
        while (true) {
            try {
                return sha256.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                tick.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    static String sha256(Path file, AtomicLong done) throws IOException {
        MessageDigest md = Digests.sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             FileWindows windows = new FileWindows(ch, file)) {
            long size = ch.size();
            for (long at = 0; at < size; at += FileWindows.WINDOW) {
                if (Thread.interrupted()) {
                    throw new InterruptedIOException("hashing abandoned");
                }
                md.update(windows.slice(at, (int) Math.min(FileWindows.WINDOW, size - at)));
                done.set(Math.min(size, at + FileWindows.WINDOW));
            }
        }
        return Digests.hex(md);
    }
}
