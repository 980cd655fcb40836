package dev.mer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.TaskSet;
import dev.mer.train.metrics.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {
    @TempDir
    Path tmp;
    BufferAllocator allocator;
    TaskSet data;

    @BeforeEach
    void writeData() throws IOException {
        allocator = new RootAllocator();
        LearnableTaskSets.write(tmp.resolve("perm"), 3, 300, 200, allocator);
        data = TaskSet.open(tmp.resolve("perm"), allocator);
    }

    @AfterEach
    void close() throws IOException {
        data.close();
        allocator.close();
    }

    private static TrainConfig config(String model, double lr) {
        TrainConfig.Builder b = TrainConfig.builder(model).set(Flags.LR, lr).set(Flags.SAMPLES_PER_TASK, 200);
        if (model.equals("ewc")) {
            b.set(Flags.N_MEMORIES, 10).set(Flags.MEMORY_STRENGTH, 10.0);
        } else if (model.equals("gem")) {
            b.set(Flags.N_MEMORIES, 32).set(Flags.MEMORY_STRENGTH, 0.5);
        }
        return b.build();
    }

    @Test
    void evaluatesAtGemsPointsWithGemsAttribution() throws IOException {
        RunResult r = Trainer.run(data, config("online", 0.01), TrainProgress.Listener.NONE);
        List<Evaluation> log = r.log();
        // 3 tasks x 200 examples, batch 1, log_every 100: before batches 0,100 (task 0), 200 (switch,
        // attributed to 0), 300, 400 (switch), 500, and the end (task 2)
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 500L, 600L),
                log.stream().map(Evaluation::examplesSeen).toList());
        assertEquals(List.of(0, 0, 0, 1, 1, 2, 2), log.stream().map(Evaluation::task).toList());
        assertEquals(600, r.examples());
        assertEquals(3, r.matrix().tasks());
    }

    @ParameterizedTest
    @ValueSource(strings = {"online", "independent", "taskinput", "ewc", "gem"})
    void everyModelLearnsTheFirstTaskWellAboveChance(String model) throws IOException {
        RunResult r = Trainer.run(data, config(model, 0.1), TrainProgress.Listener.NONE);
        float first = r.matrix().get(0, 0);
        assertTrue(first > 0.6f, model + " learnt task 0 to " + first + " (chance is 0.1)");
    }

    @Test
    void theSameSeedGivesTheSameResultFileBytes() throws IOException {
        TrainConfig c = config("ewc", 0.05);
        RunResult a = Trainer.run(data, c, TrainProgress.Listener.NONE);
        RunResult b = Trainer.run(data, c, TrainProgress.Listener.NONE);
        UUID id = new UUID(1, 2);
        LocalDateTime when = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
        MainPyArgs args = MainPyArgs.of(c, "results/", "data/", "perm.pt");
        Path pa = ResultFiles.write(a, args, tmp.resolve("a"), ResultFiles.stem(args, when, id), null);
        Path pb = ResultFiles.write(b, args, tmp.resolve("b"), ResultFiles.stem(args, when, id), null);
        assertEquals(Files.readString(Path.of(pa + ".txt")), Files.readString(Path.of(pb + ".txt")));
        var ja = ResultFiles.json(a, pa);
        var jb = ResultFiles.json(b, pa);
        ja.remove("timing");
        jb.remove("timing");
        ja.remove("one_liner");
        jb.remove("one_liner");
        assertEquals(ja, jb);
        assertTrue(Files.readString(Path.of(pa + ".txt")).contains("Final Accuracy: "));
        assertTrue(pa.getFileName().toString().startsWith("ewc_perm.pt_2026_01_02_03_04_05_"));
    }

    /** gem reports its ridge fallbacks in the result file's learner object; a model that counts nothing has none. */
    @Test
    void learnerCountersGoToTheResultFileAndBack() throws IOException {
        RunResult gem = Trainer.run(data, config("gem", 0.05), TrainProgress.Listener.NONE);
        assertEquals(java.util.Set.of("gem_ridge_fallbacks"), gem.learnerCounters().keySet());
        Path base = ResultFiles.write(gem, tmp.resolve("r"), "gem");
        ResultFile back = ResultFile.read(Path.of(base + ".json"));
        assertEquals(gem.learnerCounters(), back.learner());
        RunResult online = Trainer.run(data, config("online", 0.05), TrainProgress.Listener.NONE);
        assertTrue(online.learnerCounters().isEmpty());
        assertTrue(!ResultFiles.json(online, base).has("learner"));
    }

    @Test
    void theOneLinerHasGemsShape() throws IOException {
        RunResult r = Trainer.run(data, config("online", 0.01), TrainProgress.Listener.NONE);
        MainPyArgs args = TrainArguments.parse("--model online --lr 0.01 --samples_per_task 200 --data_file perm.pt")
                .mainPyArgs();
        String line = ResultFiles.oneLiner(r, args, Path.of("results/online_perm.pt_x"));
        assertTrue(line.matches("results/online_perm.pt_x: \\{'model': 'online', 'n_hiddens': 100, .*'lr': 0\\.01, .*"
                + "'shuffle_tasks': 'no'\\} # -?\\d\\.\\d{3} -?\\d\\.\\d{3} -?\\d\\.\\d{3} # [0-9.e-]+"), line);
        assertTrue(line.startsWith("results/online_perm.pt_x: " + args.repr() + " # "), line);
    }
}
