package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.dataset.files.Digests;
import dev.mer.train.checkpoint.RunStopped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checkpoint promise on real processes: {@code mer train --checkpoint … --resume} sent SIGTERM
 * (it checkpoints and exits 75) or SIGKILL (it loses what followed its last checkpoint) at random
 * moments, and started again as often as it takes, writes result files identical to the
 * uninterrupted run's: the JSON and GEM's text file byte for byte but for the timing, and every
 * tensor of the {@code .pt} (whose pickle differs only by the file name and the seconds in its
 * one-liner).
 */
class ResumedTrainingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void generate() {
        data = tmp.resolve("rot");
        CliRun g = CliRun.of("generate", "--rotations", "3", "--source", "sample", "--train-per-task", "400",
                "--test-per-task", "300", "--out", data.toString(), "--no-progress");
        assertEquals(0, g.exitCode(), g.err());
    }

    /** Every model, with memories that fill and evict within its 3 × 120 examples. */
    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("online", "--lr 0.05"),
                Arguments.of("independent", "--lr 0.05 --finetune yes --n_hiddens 60"),
                Arguments.of("taskinput", "--lr 0.05"),
                Arguments.of("ewc", "--lr 0.05 --n_memories 10 --memory_strength 100 --batch_size 3"),
                Arguments.of("gem", "--lr 0.05 --n_memories 20 --memory_strength 0.5"),
                Arguments.of("eralg4", "--lr 0.1 --memories 50 --replay_batch_size 5"),
                Arguments.of("eralg5", "--lr 0.03 --memories 50 --replay_batch_size 5"),
                Arguments.of("meralg1", "--lr 0.03 --memories 50 --replay_batch_size 5 --batches_per_example 3"
                        + " --beta 0.3 --gamma 0.7"),
                Arguments.of("meralg6", "--lr 0.03 --memories 50 --replay_batch_size 5 --gamma 0.5"),
                Arguments.of("meralg7", "--lr 0.03 --memories 50 --replay_batch_size 5 --s 2 --gamma 0.6"));
    }

    private static List<String> arguments(String model, String flags, Path save) {
        List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--model", model,
                "--samples_per_task", "120", "--log_every", "25", "--save_path", save + "/"));
        a.addAll(Arrays.asList(flags.split(" ")));
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aRunKilledAndResumedAsOftenAsItTakesWritesTheUninterruptedRunsFiles(String model, String flags)
            throws Exception {
        Path whole = tmp.resolve(model + "-whole");
        long t0 = System.nanoTime();
        assertEquals(0, run(arguments(model, flags, whole), -1, false), "the uninterrupted run");
        // interruptions at random moments of a session as long as the whole run, whatever the machine's speed
        long wholeMillis = (System.nanoTime() - t0) / 1_000_000;

        Path resumed = tmp.resolve(model + "-resumed");
        Path checkpoint = tmp.resolve(model + ".ckpt");
        List<String> args = arguments(model, flags, resumed);
        args.addAll(List.of("--checkpoint", checkpoint.toString(), "--checkpoint-every", "20", "--resume"));
        Random random = new Random(model.hashCode());
        List<Integer> exits = new ArrayList<>();
        // A loaded machine may run a session faster than the uninterrupted run it is timed by: a
        // sequence that was never interrupted is tried again, interrupting earlier.
        double scale = 1;
        for (int attempt = 0; exits.size() < 2; attempt++) {
            assertTrue(attempt < 4, model + ": never interrupted in " + attempt + " attempts");
            deleteTree(resumed);
            Files.deleteIfExists(checkpoint);
            exits.clear();
            for (int session = 0; ; session++) {
                assertTrue(session < 12, model + ": never finished; exit codes " + exits);
                // SIGTERM and SIGKILL in turn, at random moments; from the fifth session on, to the end
                long at = (long) (scale * wholeMillis * (0.2 + 0.7 * random.nextDouble()));
                int exit = run(args, session < 4 ? at : -1, session % 2 == 0);
                exits.add(exit);
                assertTrue(List.of(0, RunStopped.EXIT_CODE, 137, 143).contains(exit), model + ": exit codes " + exits);
                if (exit == 0) {
                    break;
                }
            }
            scale /= 2;
        }
        assertFalse(Files.exists(checkpoint), model + ": the checkpoint outlived the finished run");
        assertEquals(files(whole), files(resumed), model + " after sessions ending with " + exits);
    }

    /**
     * Runs {@code mer ARGS} as a child process; after {@code millis} (unless negative) sends it
     * SIGTERM ({@code term}) or SIGKILL; returns its exit status.
     */
    private static int run(List<String> args, long millis, boolean term) throws IOException, InterruptedException {
        Process p = MerProcess.start(args);
        if (millis >= 0 && !p.waitFor(millis, TimeUnit.MILLISECONDS)) {
            if (term) {
                p.destroy();
            } else {
                p.destroyForcibly();
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child process ends");
        return p.exitValue();
    }

    /** The one run's result files in {@code dir}, each as what must be identical: JSON without timing, text, tensors. */
    private static Map<String, Object> files(Path dir) throws IOException {
        Map<String, Object> m = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.toList()) {
                String name = f.getFileName().toString();
                String ext = name.substring(name.lastIndexOf('.') + 1);
                assertFalse(m.containsKey(ext), "one result per run in " + dir + ": " + name);
                switch (ext) {
                    case "json" -> {
                        ObjectNode json = (ObjectNode) JSON.readTree(f.toFile());
                        json.remove(List.of("timing", "one_liner"));
                        m.put(ext, json);
                    }
                    case "txt" -> m.put(ext, Files.readString(f));
                    case "pt" -> m.put(ext, tensors(f));
                    default -> throw new AssertionError("unexpected file " + f);
                }
            }
        }
        assertEquals(3, m.size(), "a .json, a .txt and a .pt in " + dir);
        return m;
    }

    /** The tensor storages of a torch zip file, by name within the archive. */
    private static Map<String, String> tensors(Path pt) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (ZipFile zip = new ZipFile(pt.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                String name = e.getName().substring(e.getName().indexOf('/') + 1);
                if (name.startsWith("data/")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        m.put(name, Digests.sha256(in.readAllBytes()));
                    }
                }
            }
        }
        assertFalse(m.isEmpty(), "tensors in " + pt);
        return m;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
