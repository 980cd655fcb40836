package dev.mer.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.TaskSet;
import dev.mer.generate.Benchmark;
import dev.mer.generate.GenerateOptions;
import dev.mer.generate.Generator;
import dev.mer.generate.Progress;
import dev.mer.generate.idx.IdxDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every model on real digits: a 3-task MNIST Rotations made from the embedded sample. */
class EmbeddedSampleTrainingTest {
    @TempDir
    static Path tmp;
    static BufferAllocator allocator;
    static TaskSet data;

    @BeforeAll
    static void generate() throws IOException {
        allocator = new RootAllocator();
        GenerateOptions options = GenerateOptions.defaults(Benchmark.ROTATIONS).withTasks(3).withRowsPerTask(1000, 500);
        new Generator(options, 2, Progress.Listener.NONE).write(IdxDataset.sample(), tmp.resolve("mnist_rotations"),
                false, List.of("--rotations", "3"), allocator);
        data = TaskSet.open(tmp.resolve("mnist_rotations"), allocator);
    }

    @AfterAll
    static void close() throws IOException {
        data.close();
        allocator.close();
    }

    /**
     * The paper's settings for MNIST Rotations (mer_examples.sh), 1000 examples per task, except
     * online's rate: at the paper's 3e-4 the reference itself reaches only about 0.22 on task 0
     * after 1000 examples (measured with MER's code and torch on this sample), so 0.01 here.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"online,0.01,0,0", "independent,0.01,0,0", "taskinput,0.01,0,0", "ewc,0.001,10,100",
        "gem,0.01,64,1.0"})
    void learnsTheFirstTaskWellAboveChance(String model, double lr, int nMemories, double strength) throws IOException {
        TrainConfig c = new TrainConfig(model, 100, 2, true, 1, 1, lr, nMemories, strength, 5120, 1, 1, 1, 20, 1, 0,
                100, 1000, false);
        RunResult r = Trainer.run(data, c, TrainProgress.Listener.NONE);
        float first = r.matrix().get(0, 0);
        assertTrue(first > 0.5f, model + " reached " + first + " on task 0 (chance: 0.1)");
    }
}
