package dev.mer.dataset;

import dev.mer.dataset.files.FileTrees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Writes a task-set directory atomically: both splits go to a hidden temporary directory beside
 * the destination, are fsynced, and the directory is renamed into place by {@link #commit()}.
 * Closing without committing deletes everything written, so an interrupted or failed write never
 * leaves anything at the destination.
 *
 * <pre>{@code
 * try (TaskSetWriter w = TaskSetWriter.create(dir, trainManifest, testManifest, allocator, false)) {
 *     try (SplitWriter train = w.split(Split.TRAIN)) { train.appendUint8(...); ... train.finish(); }
 *     try (SplitWriter test = w.split(Split.TEST)) { ...; test.finish(); }
 *     w.commit();
 * }
 * }</pre>
 */
public final class TaskSetWriter implements AutoCloseable {
    /** Default upper bound on the input bytes of one record batch; bounds the writer's memory. */
    public static final long DEFAULT_MAX_BATCH_BYTES = 64L << 20;

    private final Path destination;
    private final Path temporary;
    private final boolean overwrite;
    private final long maxBatchBytes;
    private final BufferAllocator allocator;
    private final Map<Split, Manifest> manifests = new EnumMap<>(Split.class);
    private final Map<Split, SplitWriter> writers = new EnumMap<>(Split.class);
    private final Thread cleanup;
    private boolean committed;

    private TaskSetWriter(Path destination, Manifest train, Manifest test, BufferAllocator allocator,
                          boolean overwrite, long maxBatchBytes) throws IOException {
        this.destination = destination.toAbsolutePath().normalize();
        this.overwrite = overwrite;
        this.maxBatchBytes = maxBatchBytes;
        checkCompatible(train, test);
        manifests.put(Split.TRAIN, train);
        manifests.put(Split.TEST, test);
        if (Files.exists(this.destination) && !overwrite) {
            throw new FileAlreadyExistsException(this.destination.toString(), null,
                    "already exists (use --force to replace it)");
        }
        Path parent = this.destination.getParent();
        Files.createDirectories(parent);
        if (!Files.isWritable(parent)) {
            throw new InvalidInputException(parent, "directory is not writable");
        }
        // a full disk found before writing, not after minutes of it
        DiskSpace.require(this.destination, bytesOnDisk(train) + bytesOnDisk(test));
        this.temporary = parent.resolve("." + this.destination.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        Files.createDirectory(temporary);
        this.allocator = allocator.newChildAllocator("task-set-writer", 0, Long.MAX_VALUE);
        // Ctrl-C ends the JVM without close(): the hook still removes the temporary directory.
        Path tmp = temporary;
        this.cleanup = new Thread(() -> {
            try {
                FileTrees.delete(tmp);
            } catch (IOException e) {
                // the JVM is going down; nothing more to do
            }
        }, "mer-task-set-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Starts writing a task-set to {@code destination}.
     *
     * @param train the train split's manifest
     * @param test the test split's manifest: the same but for {@code split} and row counts
     * @param overwrite replace an existing destination on commit, else refuse to start
     */
    public static TaskSetWriter create(Path destination, Manifest train, Manifest test, BufferAllocator allocator,
                                       boolean overwrite) throws IOException {
        return create(destination, train, test, allocator, overwrite, DEFAULT_MAX_BATCH_BYTES);
    }

    /** As {@link #create(Path, Manifest, Manifest, BufferAllocator, boolean)} with a batch size bound. */
    public static TaskSetWriter create(Path destination, Manifest train, Manifest test, BufferAllocator allocator,
                                       boolean overwrite, long maxBatchBytes) throws IOException {
        if (maxBatchBytes <= 0) {
            throw new IllegalArgumentException("Invalid batch size bound: " + maxBatchBytes);
        }
        return new TaskSetWriter(destination, train, test, allocator, overwrite, maxBatchBytes);
    }

    private static void checkCompatible(Manifest train, Manifest test) {
        if (train.split() != Split.TRAIN || test.split() != Split.TEST) {
            throw new IllegalArgumentException("Expected a train and a test manifest, got "
                    + train.split().jsonName() + " and " + test.split().jsonName());
        }
        long[] rows = test.tasks().stream().mapToLong(TaskInfo::rows).toArray();
        if (rows.length != train.taskCount() || !train.forSplit(Split.TEST, rows).equals(test)) {
            throw new IllegalArgumentException("The train and test manifests differ beyond split and row counts");
        }
    }

    /**
     * The size a split of {@code manifest} takes on disk, near enough to judge the free space: its
     * three columns (4-byte task and label, the inputs as encoded), without the few kilobytes of
     * schema, footer and per-batch metadata.
     */
    static long bytesOnDisk(Manifest manifest) {
        return manifest.totalRows() * ((long) manifest.nInputs() * manifest.encoding().bytesPerValue() + 8);
    }

    /** The final directory. */
    public Path destination() {
        return destination;
    }

    /** Opens the writer of one split; each split is written once, and both may be open at a time. */
    public synchronized SplitWriter split(Split split) throws IOException {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        if (writers.containsKey(split)) {
            throw new IllegalStateException("split " + split.jsonName() + " was already opened");
        }
        Path file = temporary.resolve(split.fileName());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SplitWriter w;
        try {
            w = new SplitWriter(file, destination.resolve(split.fileName()), channel, manifests.get(split), allocator,
                    maxBatchBytes);
        } catch (RuntimeException | IOException e) {
            channel.close();
            throw e;
        }
        writers.put(split, w);
        return w;
    }

    /**
     * Moves the finished task-set into place. Both splits must have been {@link SplitWriter#finish()
     * finished}.
     */
    public synchronized void commit() throws IOException {
        for (Split s : Split.values()) {
            SplitWriter w = writers.get(s);
            if (w == null || !w.isFinished()) {
                throw new IllegalStateException("split " + s.jsonName() + " was not finished");
            }
        }
        AtomicFiles.fsyncDirectory(temporary);
        Path old = null;
        if (Files.exists(destination)) {
            if (!overwrite) {
                throw new FileAlreadyExistsException(destination.toString());
            }
            old = destination.resolveSibling("." + destination.getFileName() + ".old-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            move(destination, old);
        }
        move(temporary, destination);
        AtomicFiles.fsyncDirectory(destination.getParent());
        committed = true;
        if (old != null) {
            FileTrees.delete(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
            Files.move(from, to);
        }
    }

    /** Discards everything unless committed, and releases memory. */
    @Override
    public synchronized void close() throws IOException {
        IOException failure = null;
        for (SplitWriter w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        allocator.close();
        if (!committed) {
            FileTrees.delete(temporary);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
        if (failure != null) {
            throw failure;
        }
    }
}
