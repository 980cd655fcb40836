package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.TaskSet;
import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import dev.mer.experiment.results.RunRecord;
import dev.mer.train.checkpoint.CheckpointFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mer killed with SIGKILL at random moments of a real child process never leaves a partial file
 * at a final path: what is there afterwards is whole (a task-set that opens, result files that
 * read), because every writer writes under a temporary name and renames.
 */
class KilledWritersTest {
    @TempDir
    Path tmp;

    /** Starts {@code mer ARGS} as a child process, kills it after {@code millis} (or lets it end), waits. */
    private static void runAndKill(long millis, String... args) throws IOException, InterruptedException {
        Process p = MerProcess.start(List.of(args));
        if (!p.waitFor(millis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly(); // SIGKILL
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child process ends");
    }

    /** Starts {@code mer ARGS}, kills it with SIGKILL as soon as {@code file} exists (or after two minutes), waits. */
    private static void killOnceExists(Path file, List<String> args) throws IOException, InterruptedException {
        Process p = MerProcess.start(args);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (p.isAlive() && !Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child process ends");
    }

    @Test
    void aGeneratedTaskSetIsWholeOrAbsentWhereverGenerationIsKilled() throws Exception {
        Random random = new Random(14);
        for (int trial = 0; trial < 6; trial++) {
            Path out = tmp.resolve("set" + trial);
            runAndKill(300 + random.nextInt(2500), "generate", "--rotations", "3", "--source", "sample",
                    "--out", out.toString(), "--no-progress");
            if (Files.exists(out)) {
                try (BufferAllocator allocator = new RootAllocator();
                     TaskSet set = TaskSet.open(out, allocator)) {
                    assertEquals(3, set.manifest().taskCount(), "trial " + trial);
                    set.test().task(2).copyLabels(0, 1, new int[1], 0);
                }
            }
        }
    }

    @Test
    void resultFilesAreWholeOrAbsentWhereverTrainingIsKilled() throws Exception {
        Path data = tmp.resolve("set");
        runAndKill(120_000, "generate", "--rotations", "3", "--source", "sample", "--out", data.toString(),
                "--no-progress");
        assertTrue(Files.isDirectory(data));
        Random random = new Random(15);
        int whole = 0;
        for (int trial = 0; trial <= 6; trial++) {
            Path out = tmp.resolve("results" + trial);
            // the last trial runs to its end: the check below must have read a whole result at least once
            runAndKill(trial < 6 ? 400 + random.nextInt(4000) : 120_000, "train", "--data", data.toString(), "--model", "online",
                    "--lr", "0.001", "--samples_per_task", "300", "--save_path", out.toString());
            if (!Files.exists(out)) {
                continue;
            }
            try (Stream<Path> files = Files.list(out)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".json")) {
                        RunRecord r = RunRecord.read(f); // refuses a truncated file, naming it
                        assertEquals(900, r.examples(), f.toString());
                        whole++;
                    } else if (name.endsWith(".txt") || name.endsWith(".pt")) {
                        assertTrue(Files.size(f) > 0, f.toString());
                    }
                }
            }
        }
        assertTrue(whole >= 1, "a run that was not killed left its result file");
    }

    @Test
    void aCheckpointIsWholeOrAbsentWhereverTrainingIsKilled() throws Exception {
        Path data = tmp.resolve("set");
        runAndKill(120_000, "generate", "--rotations", "3", "--source", "sample", "--out", data.toString(),
                "--no-progress");
        Random random = new Random(16);
        Path checkpoint = tmp.resolve("ck").resolve("run.ckpt");
        int read = 0;
        for (int trial = 0; trial <= 6; trial++) {
            // a checkpoint every 10 examples of meralg1 (a reservoir, so every write is a few hundred
            // KB), killed at random moments; the last trial is killed once a checkpoint exists, so
            // that at least one is read after a kill whatever the machine's speed
            List<String> args = List.of("train", "--data", data.toString(), "--model", "meralg1",
                    "--lr", "0.03", "--memories", "200", "--replay_batch_size", "5", "--samples_per_task", "300",
                    "--save_path", tmp.resolve("ck-results").toString(), "--checkpoint", checkpoint.toString(),
                    "--checkpoint-every", "10", "--resume");
            if (trial < 6) {
                runAndKill(800 + random.nextInt(3000), args.toArray(String[]::new));
            } else {
                killOnceExists(checkpoint, args);
            }
            if (Files.exists(checkpoint)) {
                CheckpointFile.read(checkpoint); // refuses a partial file: magic, length and checksum
                read++;
            }
            if (!Files.isDirectory(checkpoint.getParent())) {
                continue; // killed before the run started
            }
            try (Stream<Path> files = Files.list(checkpoint.getParent())) {
                assertTrue(files.filter(f -> !f.getFileName().toString().startsWith(".")).allMatch(checkpoint::equals),
                        "nothing but the checkpoint (and at most a hidden temporary) in its directory");
            }
        }
        assertTrue(read >= 1, "a checkpoint was read whole at least once");
    }

    @Test
    void aReportIsWholeOrAbsentWhereverItIsKilled() throws Exception {
        Path data = tmp.resolve("mnist_rotations");
        try (BufferAllocator allocator = new RootAllocator()) {
            TaskSetFixtures.write(data, 1, 2, 60, 20, XEncoding.UINT8, List.of(28, 28), 1 << 20, 60, allocator);
        }
        Path runs = tmp.resolve("runs");
        for (String model : List.of("online", "independent")) {
            CliRun trained = CliRun.of("train", "--data", data.toString(), "--model", model, "--lr", "0.01",
                    "--samples_per_task", "20", "--log_every", "10", "--save_path", runs.toString());
            assertEquals(0, trained.exitCode(), trained.err());
        }
        Random random = new Random(17);
        int whole = 0;
        for (int trial = 0; trial <= 6; trial++) {
            Path out = tmp.resolve("report" + trial);
            runAndKill(trial < 6 ? 300 + random.nextInt(3000) : 120_000, "report", runs.toString(), "--out",
                    out.toString());
            if (!Files.exists(out)) {
                continue;
            }
            Path index = out.resolve("index.html");
            assertTrue(Files.isRegularFile(index), "a report directory in place holds its page: " + out);
            String page = Files.readString(index);
            assertTrue(page.trim().endsWith("</html>"), "the whole page: " + index);
            try (Stream<Path> files = Files.list(out)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".png")).toList()) {
                    assertTrue(javax.imageio.ImageIO.read(f.toFile()) != null, "a whole PNG: " + f);
                }
            }
            whole++;
        }
        assertTrue(whole >= 1, "a report that was not killed is in place");
    }
}
