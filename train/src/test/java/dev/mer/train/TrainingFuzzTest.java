package dev.mer.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mer.dataset.FuzzInvariant;
import dev.mer.dataset.FuzzTaskSets;
import dev.mer.dataset.TaskSet;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Fuzz target (docs/fuzzing.md): {@code mer train} on a mutated task-set (the input packs its two
 * files, see {@link FuzzTaskSets}): the continuum drawn from the manifest's task sizes, every
 * training row and label through a small MLP, the evaluation of every task's test split. A bad
 * label, a task the manifest miscounts, an input of the wrong width: each is refused naming the
 * file, never an index error inside training.
 */
class TrainingFuzzTest {
    private static final long ARROW_BASE = 16L << 20;

    /** A small network and an evaluation after every other batch: the data's paths, not the arithmetic. */
    private static final TrainConfig CONFIG = TrainConfig.builder("online").set(Flags.N_HIDDENS, 8)
            .set(Flags.N_LAYERS, 1).set(Flags.LOG_EVERY, 2).build();

    @FuzzTest
    void trainingOnATaskSetWorksOrIsRefusedNamingTheFile(byte[] data) throws Exception {
        Path dir = FuzzInvariant.sandbox("mer-fuzz-train");
        try {
            FuzzTaskSets.unpack(data, dir);
            FuzzInvariant.check(data.length, 4096, () -> {
                try (BufferAllocator a = new RootAllocator(ARROW_BASE + 64L * data.length);
                     TaskSet set = TaskSet.open(dir, a)) {
                    Trainer.run(set, CONFIG, TrainProgress.Listener.NONE);
                }
            });
        } finally {
            FuzzInvariant.delete(dir);
        }
    }
}
