package dev.mer.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A task-set directory opened for reading: its train and test splits, memory-mapped. Opening reads
 * only footers and batch headers, so it costs the same for 4 MB and 4 GB.
 */
public final class TaskSet implements AutoCloseable {
    private final Path directory;
    private final BufferAllocator allocator;
    private final TaskSetFile train;
    private final TaskSetFile test;

    private TaskSet(Path directory, BufferAllocator allocator, TaskSetFile train, TaskSetFile test) {
        this.directory = directory;
        this.allocator = allocator;
        this.train = train;
        this.test = test;
    }

    /**
     * Opens the task-set in {@code directory}.
     *
     * @throws InvalidInputException if it is missing, incomplete, corrupt, or its splits disagree
     */
    public static TaskSet open(Path directory, BufferAllocator parent) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(directory, Files.exists(directory)
                    ? "not a task-set directory (expected a directory holding train.arrow and test.arrow)"
                    : "no such task-set directory");
        }
        BufferAllocator allocator = parent.newChildAllocator("task-set " + directory.getFileName(), 0, Long.MAX_VALUE);
        TaskSetFile train = null;
        try {
            train = TaskSetFile.open(directory.resolve(Split.TRAIN.fileName()), allocator);
            TaskSetFile test = TaskSetFile.open(directory.resolve(Split.TEST.fileName()), allocator);
            try {
                checkSplits(directory, train.manifest(), test.manifest());
            } catch (InvalidInputException e) {
                test.close();
                throw e;
            }
            return new TaskSet(directory, allocator, train, test);
        } catch (IOException | RuntimeException e) {
            if (train != null) {
                train.close();
            }
            allocator.close();
            throw e;
        }
    }

    private static void checkSplits(Path dir, Manifest train, Manifest test) throws InvalidInputException {
        if (train.split() != Split.TRAIN || test.split() != Split.TEST) {
            throw new InvalidInputException(dir, "train.arrow and test.arrow hold the " + train.split().jsonName()
                    + " and " + test.split().jsonName() + " splits");
        }
        long[] testRows = test.tasks().stream().mapToLong(TaskInfo::rows).toArray();
        if (testRows.length != train.taskCount() || !train.forSplit(Split.TEST, testRows).equals(test)) {
            throw new InvalidInputException(dir, "train.arrow and test.arrow describe different task-sets");
        }
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /** The train split's manifest (the test split's differs only in split and row counts). */
    public Manifest manifest() {
        return train.manifest();
    }

    /** The split {@code split}. */
    public TaskSetFile split(Split split) {
        return split == Split.TRAIN ? train : test;
    }

    /** The train split. */
    public TaskSetFile train() {
        return train;
    }

    /** The test split. */
    public TaskSetFile test() {
        return test;
    }

    @Override
    public void close() throws IOException {
        try {
            train.close();
        } finally {
            try {
                test.close();
            } finally {
                allocator.close();
            }
        }
    }
}
