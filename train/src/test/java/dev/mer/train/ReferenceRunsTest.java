package dev.mer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mer.dataset.Split;
import dev.mer.dataset.TaskSet;
import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import dev.mer.random.PythonRandom;
import dev.mer.random.TorchGenerator;
import dev.mer.train.continuum.Continuum;
import dev.mer.train.metrics.AccuracyMatrix;
import dev.mer.train.metrics.Evaluation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Against MER's own {@code main.py}, run on a tiny dataset by
 * {@code src/test/resources/reference/make_reference_fixtures.py} (see the README there): with
 * {@code --shuffle_tasks yes}, the tasks and examples in the reference's order, the reference's task
 * attribution of every evaluation, and its {@code confusion_matrix} file and stats from its own
 * log; and for main.py's defaults and edge values, that mer runs what the reference runs (with the
 * reference's attributions) and refuses, before training and in one line, what it cannot.
 * Accuracies are not compared: initial weights follow PyTorch's distributions, not its numbers.
 */
class ReferenceRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How mer refuses each configuration the reference fails on: the start of its one line. */
    private static final Map<String, String> REFUSALS = Map.ofEntries(
            Map.entry("model_default", "--model is required"),
            Map.entry("gem_defaults", "gem: --n_memories 0 with a batch of one example"),
            Map.entry("gem_n_memories_0_batch_4_spt_29", "gem: --n_memories 0 with a batch of one example"),
            Map.entry("gem_n_memories_negative", "gem: --n_memories below 0"),
            Map.entry("ewc_shuffled", "ewc: --shuffle_tasks yes presented the tasks out of order"),
            Map.entry("ewc_shuffled_seed_1", "ewc: --shuffle_tasks yes presented the tasks out of order"),
            Map.entry("independent_n_hiddens_below_tasks", "independent: fewer --n_hiddens than tasks"),
            Map.entry("independent_n_hiddens_negative", "independent: --n_hiddens / tasks below 0"),
            Map.entry("taskinput_n_layers_1", "taskinput: --n_layers 1 with more than one task"),
            Map.entry("taskinput_n_layers_0", "taskinput: --n_layers below 1"),
            Map.entry("online_n_hiddens_0", "online: --n_hiddens 0 with two hidden layers or more"),
            Map.entry("online_n_hiddens_negative", "online: --n_hiddens below 0"),
            Map.entry("online_batch_size_0", "Invalid batch_size: 0 (at least 1"),
            Map.entry("online_batch_size_negative", "Invalid batch_size: -2 (at least 1"),
            Map.entry("online_log_every_0", "Invalid log_every: 0 (not 0"),
            Map.entry("online_lr_negative", "Invalid lr: -0.1 (0 or more"),
            Map.entry("online_seed_negative", "Invalid seed: -1 (0 to 4294967295"),
            Map.entry("online_seed_2_32", "Invalid seed: 4294967296 (0 to 4294967295"));

    @TempDir
    static Path tmp;
    static BufferAllocator allocator;
    static TaskSet data;

    @BeforeAll
    static void writeTheReferencesData() throws IOException {
        JsonNode d = fixture("shuffled/runs.json").get("data");
        allocator = new RootAllocator();
        TaskSetFixtures.write(tmp.resolve("reference_tiny"), d.get("seed").asLong(), d.get("tasks").asInt(),
                d.get("train_rows").asInt(), d.get("test_rows").asInt(), XEncoding.UINT8, List.of(28, 28), 1 << 20,
                40, allocator);
        data = TaskSet.open(tmp.resolve("reference_tiny"), allocator);
    }

    @AfterAll
    static void close() throws IOException {
        data.close();
        allocator.close();
    }

    private static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(resource(name));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReferenceRunsTest.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IOException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Stream<Arguments> shuffledRuns() throws IOException {
        return StreamSupport.stream(fixture("shuffled/runs.json").get("runs").spliterator(), false)
                .map(run -> Arguments.of(run.get("run").asText(), run));
    }

    static Stream<Arguments> edgeCases() throws IOException {
        return StreamSupport.stream(fixture("edge_cases.json").get("cases").spliterator(), false)
                .map(edge -> Arguments.of(edge.get("name").asText(), edge));
    }

    private static String commandLine(JsonNode run) {
        List<String> args = new ArrayList<>();
        run.get("arguments").forEach(a -> args.add(a.asText()));
        return String.join(" ", args);
    }

    private static int[] ints(JsonNode array) {
        int[] v = new int[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asInt();
        }
        return v;
    }

    /** The script rebuilt TaskSetFixtures' values in Python: the .pt it ran main.py on held this data. */
    @Test
    void theReferenceRanOnTheDataTheseTestsWrite() throws IOException {
        JsonNode d = fixture("shuffled/runs.json").get("data");
        assertEquals(d, fixture("edge_cases.json").get("data"));
        for (Split split : Split.values()) {
            int[] expected = ints(d.get("first_row_sums").get(split == Split.TRAIN ? "train" : "test"));
            for (int t = 0; t < expected.length; t++) {
                int sum = 0;
                for (int i = 0; i < d.get("n_inputs").asInt(); i++) {
                    sum += TaskSetFixtures.value(d.get("seed").asLong(), split, t, 0, i) & 0xff;
                }
                assertEquals(expected[t], sum, split + " task " + t);
            }
        }
        assertEquals(d.get("train_rows").asInt(), data.train().task(0).rows());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shuffledRuns")
    void theContinuumPresentsTheReferencesTasksAndExamplesInItsOrder(String name, JsonNode run) throws IOException {
        TrainConfig c = TrainArguments.parse(commandLine(run)).config();
        int[] sizes = new int[data.manifest().taskCount()];
        Arrays.fill(sizes, data.train().task(0).rows());
        Continuum continuum = Continuum.draw(sizes, c.get(Flags.SAMPLES_PER_TASK), c.get(Flags.N_EPOCHS),
                c.get(Flags.SHUFFLE_TASKS), new TorchGenerator(c.get(Flags.SEED)), new PythonRandom(c.get(Flags.SEED)));
        assertArrayEquals(ints(run.get("order")), continuum.taskOrder(), name);
        JsonNode examples = run.get("examples");
        assertEquals(examples.size(), continuum.length());
        for (int i = 0; i < continuum.length(); i++) {
            assertEquals(examples.get(i).get(0).asInt() + ":" + examples.get(i).get(1).asInt(),
                    continuum.task(i) + ":" + continuum.row(i), "example " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shuffledRuns")
    void theTrainerAttributesEveryEvaluationAsTheReferenceDoes(String name, JsonNode run) throws IOException {
        RunResult r = Trainer.run(data, TrainArguments.parse(commandLine(run)).config(), TrainProgress.Listener.NONE);
        assertArrayEquals(ints(run.get("result_t")), r.log().stream().mapToInt(Evaluation::task).toArray());
        // the reference's rows and columns, through the result file and back
        String[] txt = resource("shuffled/" + run.get("run").asText() + ".txt").split("\n");
        int rows = Arrays.asList(txt).indexOf("") - 2;
        assertEquals(rows, r.matrix().rows());
        assertEquals(txt[0].split(" ").length, r.matrix().tasks());
        Path base = ResultFiles.write(r, tmp.resolve("results"), run.get("run").asText());
        ResultFile back = ResultFile.read(Path.of(base + ".json"));
        assertEquals(rows, back.accuracyMatrix().rows().length);
        assertEquals(r.matrix().gemText(), AccuracyMatrix.of(back.log()).gemText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shuffledRuns")
    void theReferencesLogGivesItsResultFileByteForByteAndItsStats(String name, JsonNode run) throws IOException {
        List<Evaluation> log = new ArrayList<>();
        JsonNode a = run.get("result_a");
        int[] t = ints(run.get("result_t"));
        for (int i = 0; i < t.length; i++) {
            float[] acc = new float[a.get(i).size()];
            for (int j = 0; j < acc.length; j++) {
                acc[j] = (float) a.get(i).get(j).asDouble();
            }
            log.add(new Evaluation(t[i], i, acc));
        }
        AccuracyMatrix m = AccuracyMatrix.of(log);
        assertEquals(resource("shuffled/" + run.get("run").asText() + ".txt"), m.gemText());
        JsonNode stats = run.get("stats");
        assertEquals((float) stats.get(0).asDouble(), m.retainedAccuracy());
        assertEquals((float) stats.get(1).asDouble(), m.bti());
        assertEquals((float) stats.get(2).asDouble(), m.fwt());
    }

    /**
     * Each configuration main.py runs, mer runs, attributing its evaluations as the reference does;
     * each one main.py fails on, mer refuses in one line before observing a single batch.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeCases")
    void mainPysDefaultsAndEdgeValuesRunOrAreRefusedAsInTheReference(String name, JsonNode edge) throws IOException {
        AtomicLong observed = new AtomicLong();
        TrainProgress.Listener listener = p -> observed.set(Math.max(observed.get(), p.batchesDone()));
        if (edge.has("fails")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Trainer.run(data, TrainArguments.parse(commandLine(edge)).config(), listener),
                    name + ": the reference fails with " + edge.get("fails").asText());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(REFUSALS.containsKey(name), name + ": no expected refusal for '" + e.getMessage() + "'");
            assertTrue(e.getMessage().startsWith(REFUSALS.get(name)), name + ": " + e.getMessage());
            assertEquals(0, observed.get(), name + " was refused after training began");
            return;
        }
        assertFalse(REFUSALS.containsKey(name), name + " runs in the reference");
        RunResult r;
        try {
            r = Trainer.run(data, TrainArguments.parse(commandLine(edge)).config(), listener);
        } catch (IllegalArgumentException e) {
            fail(name + ": the reference runs it, mer refuses: " + e.getMessage());
            return;
        }
        assertArrayEquals(ints(edge.get("result_t")), r.log().stream().mapToInt(Evaluation::task).toArray(), name);
        assertEquals(edge.get("result_a_shape").get(1).asInt(), r.matrix().tasks());
        assertTrue(r.matrix().gemText().startsWith(AccuracyMatrix.format4(r.matrix().baseline()[0])));
    }
}
