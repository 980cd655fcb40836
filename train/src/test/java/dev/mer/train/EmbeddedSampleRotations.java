package dev.mer.train;

import dev.mer.dataset.TaskSet;
import dev.mer.dataset.progress.Progress;
import dev.mer.generate.Benchmark;
import dev.mer.generate.GenerateOptions;
import dev.mer.generate.Generator;
import dev.mer.generate.idx.IdxDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** A 3-task MNIST Rotations of real digits, generated from the embedded sample (1000/500 rows per task). */
final class EmbeddedSampleRotations {
    private EmbeddedSampleRotations() {
    }

    /** Generates it under {@code dir/mnist_rotations} and opens it. */
    static TaskSet open(Path dir, BufferAllocator allocator) throws IOException {
        GenerateOptions options = GenerateOptions.defaults(Benchmark.ROTATIONS).withTasks(3).withRowsPerTask(1000, 500);
        new Generator(options, 2, Progress.NONE).write(IdxDataset.sample(), dir.resolve("mnist_rotations"),
                false, List.of("--rotations", "3"), allocator);
        return TaskSet.open(dir.resolve("mnist_rotations"), allocator);
    }
}
