package dev.mer.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.TaskSet;
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
        data = EmbeddedSampleRotations.open(tmp, allocator);
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
        TrainConfig.Builder b = TrainConfig.builder(model).set(Flags.LR, lr).set(Flags.SAMPLES_PER_TASK, 1000);
        if (nMemories > 0) {
            b.set(Flags.N_MEMORIES, nMemories).set(Flags.MEMORY_STRENGTH, strength);
        }
        TrainConfig c = b.build();
        RunResult r = Trainer.run(data, c, TrainProgress.Listener.NONE);
        float first = r.matrix().get(0, 0);
        assertTrue(first > 0.5f, model + " reached " + first + " on task 0 (chance: 0.1)");
    }

    /**
     * The replay family with the paper's learning rates and Reptile rates for Rotations, a smaller
     * replay (10 items, 2 batches per example for meralg1) to keep the test short, 500 examples per
     * task: each learns task 0 and, at the end, retains it better than online with the same rate.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"eralg4,0.1,1.0,1.0,1,1", "eralg5,0.03,1.0,1.0,1,1", "meralg1,0.03,0.03,1.0,2,1",
        "meralg6,0.03,1.0,0.1,1,1", "meralg7,0.03,1.0,0.03,1,5"})
    void replayLearnsAndRetainsTheFirstTaskBetterThanOnline(String model, double lr, double beta, double gamma,
                                                          int batches, double s) throws IOException {
        TrainConfig c = TrainConfig.builder(model).set(Flags.LR, lr).set(Flags.MEMORIES, 500).set(Flags.GAMMA, gamma)
                .set(Flags.BATCHES_PER_EXAMPLE, (double) batches).set(Flags.S, s).set(Flags.REPLAY_BATCH_SIZE, 10.0)
                .set(Flags.BETA, beta).set(Flags.SAMPLES_PER_TASK, 500).build();
        RunResult replay = Trainer.run(data, c, TrainProgress.Listener.NONE);
        TrainConfig o = TrainConfig.builder("online").set(Flags.LR, lr).set(Flags.SAMPLES_PER_TASK, 500).build();
        RunResult online = Trainer.run(data, o, TrainProgress.Listener.NONE);
        float learnt = replay.matrix().get(0, 0);
        float kept = replay.matrix().get(2, 0);
        float onlineKept = online.matrix().get(2, 0);
        assertTrue(learnt > 0.5f, model + " reached " + learnt + " on task 0");
        assertTrue(kept > onlineKept, model + " kept " + kept + " of task 0, online " + onlineKept);
    }
}
