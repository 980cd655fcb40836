package dev.mer.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The invariant every fuzz target asserts (docs/fuzzing.md): an input either works or fails with
 * the one user error, {@link InvalidInputException}, whose message is one line naming a file; never
 * another exception, never an allocation out of proportion to the input, never a file outside the
 * sandbox the target gave the reader, never more than {@link #MAX_SECONDS} an input. When fuzzing
 * (.ci/fuzz), libFuzzer's {@code -timeout} stops a hang and the JVM's {@code -Xmx} bounds the
 * heap, so that an allocation a size field asks for fails there even on another thread.
 */
public final class FuzzInvariant {
    /** What a reader may allocate on the calling thread whatever the input: a few chunk buffers. */
    public static final long BASE_ALLOCATION = 256L << 20;
    /** The time an input may take, as .ci/fuzz's libFuzzer {@code -timeout}. */
    public static final int MAX_SECONDS = 10;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

    private FuzzInvariant() {
    }

    /** A reader's run on one input. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} and checks the invariant.
     *
     * @param inputBytes the input's size, which bounds what the reader may allocate
     * @param perInputByte heap bytes the reader may allocate per input byte on top of {@link #BASE_ALLOCATION}
     * @return the user error, or {@code null} when the input worked
     * @throws AssertionError for any other exception (as its cause, which Jazzer reports), an
     *     allocation beyond the bound, or a user error that is not one line naming a file
     */
    public static InvalidInputException check(long inputBytes, long perInputByte, Body body) {
        long classes = CLASSES.getTotalLoadedClassCount();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        InvalidInputException refused = null;
        try {
            body.run();
        } catch (InvalidInputException e) {
            refused = e;
        } catch (UncheckedIOException e) {
            // A lambda inside a reader may carry its user error out this way; the CLI unwraps it.
            if (!(e.getCause() instanceof InvalidInputException i)) {
                throw new AssertionError("not a user error: " + e, e);
            }
            refused = i;
        } catch (Exception e) {
            throw new AssertionError("not a user error: " + e, e);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        double seconds = (System.nanoTime() - start) / 1e9;
        long bound = BASE_ALLOCATION + perInputByte * inputBytes;
        // Loading a class (and, when fuzzing, instrumenting it) allocates on the loading thread once
        // per JVM, hundreds of megabytes for the training path: an input that loads one is not judged.
        boolean loadedClasses = CLASSES.getTotalLoadedClassCount() != classes;
        if (allocated > bound && !loadedClasses) {
            throw new AssertionError("allocated " + allocated + " bytes for an input of " + inputBytes
                    + " bytes (bound " + bound + ")");
        }
        // When fuzzing, libFuzzer's -timeout stops a hang; in regression mode this flags a slow input.
        if (seconds > MAX_SECONDS && !loadedClasses) {
            throw new AssertionError(String.format("took %.1f s for an input of %d bytes (bound %d s)", seconds,
                    inputBytes, MAX_SECONDS));
        }
        if (refused != null) {
            String m = refused.getMessage();
            if (refused.file() == null || m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
                throw new AssertionError("a user error must be one line naming the file: " + m, refused);
            }
        }
        return refused;
    }

    /** A fresh directory for one input, removed by {@link #delete}. */
    public static Path sandbox(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that {@code sandbox} holds nothing but {@code allowed} and what lies below them: a
     * reader wrote no file elsewhere (a path escaping the sandbox altogether would show as a file
     * outside {@code allowed} in it when it climbs one level, the common case, and is refused by
     * name in the readers' own checks otherwise).
     */
    public static void onlyWithin(Path sandbox, Path... allowed) {
        List<Path> stray = new ArrayList<>();
        try (Stream<Path> s = Files.walk(sandbox)) {
            s.filter(p -> !p.equals(sandbox)).filter(p -> {
                for (Path a : allowed) {
                    if (p.startsWith(a) || a.startsWith(p)) {
                        return false;
                    }
                }
                return true;
            }).forEach(stray::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!stray.isEmpty()) {
            throw new AssertionError("files outside " + List.of(allowed) + ": " + stray);
        }
    }

    /** Removes {@code dir} and everything below it. */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
