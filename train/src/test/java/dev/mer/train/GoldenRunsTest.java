package dev.mer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.dataset.TaskSet;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;
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
 * Pins every model's results, bit for bit, to files made by the code as it was before the training
 * core (configuration, trainer, learners, network) was refactored: a refactor that is meant to
 * change nothing must leave every accuracy of every evaluation unchanged, and a tolerance would let
 * a changed summation order or a dropped step through.
 *
 * <p>The goldens are {@code src/test/resources/golden/<case>.json} (the run's result JSON without
 * the fields that are not results) and {@code <case>.txt} (GEM's result file). Run
 * with {@code -Dmer.golden.update=true} (or {@code MER_GOLDEN_UPDATE=1}) to rewrite them; see the
 * README there. The configurations go through the command line, as {@code mer train} reads it, so
 * that the test survives a change of {@link TrainConfig}'s constructor.
 */
class GoldenRunsTest {
    /**
     * Fields of the result JSON that are not results. {@code timing} and {@code one_liner} hold
     * wall-clock time; {@code mer_version} is the project version, and so is part of the hashed
     * manifest behind {@code manifest_sha256} (its provenance records the version that generated
     * the data): a version bump must not look like a change of results.
     */
    private static final List<String> NOT_RESULTS = List.of("timing", "one_liner", "mer_version", "manifest_sha256");

    private static final String ENVIRONMENT = "environment.properties";
    private static final String LANES = "float_lanes";

    private static final boolean UPDATE = Boolean.getBoolean("mer.golden.update")
            || "1".equals(System.getenv("MER_GOLDEN_UPDATE"));

    // BigDecimal keeps a number exactly as written, so the comparison is of the digits, not of a
    // double that several spellings could round to.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    static Path tmp;
    static BufferAllocator allocator;
    static TaskSet data;
    /** Why the goldens cannot be compared on this machine; null where they can. */
    static String otherMachine;

    @BeforeAll
    static void generate() throws IOException {
        otherMachine = vectorWidthMismatch();
        if (otherMachine != null) {
            return;
        }
        allocator = new RootAllocator();
        data = EmbeddedSampleRotations.open(tmp, allocator);
    }

    @AfterAll
    static void close() throws IOException {
        if (data != null) {
            data.close();
            allocator.close();
        }
    }

    /**
     * The network's kernels use the JVM's preferred vector width, and a sum over 8 lanes rounds
     * differently from one over 16 (measured: with {@code -XX:MaxVectorSize=32} on the 16-lane
     * machine that made these goldens, meralg1's accuracies change). Goldens from one width say
     * nothing about the code on another, so there each case is skipped, with this as the reason,
     * instead of failing.
     */
    private static String vectorWidthMismatch() throws IOException {
        Path environment = goldenDirectory().resolve(ENVIRONMENT);
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        if (UPDATE) {
            Files.createDirectories(goldenDirectory());
            Files.writeString(environment, "# FloatVector.SPECIES_PREFERRED.length() of the JVM that wrote the goldens\n"
                    + LANES + "=" + lanes + "\n");
            return null;
        }
        if (!Files.exists(environment)) {
            return null; // then every case fails for want of its golden
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(environment)) {
            p.load(in);
        }
        String made = p.getProperty(LANES);
        return String.valueOf(lanes).equals(made) ? null : "the goldens were made with " + made + "-lane float "
                + "vectors, this JVM has " + lanes + ": regenerate them here from the commit to compare against "
                + "(see " + goldenDirectory().resolve("README.md") + ")";
    }

    /** Flags every case shares: 80 examples of each of the 3 tasks, 240 in all. */
    private static final String COMMON = "--samples_per_task 80 --seed 0";

    /**
     * Every model with memories small enough to fill and evict within 240 examples, rates off their
     * paper values where a value of 1 would skip a path (γ, β, s), and a batch size of 3 for
     * online, whose batch of one takes a separate fused step, and for ewc and gem, whose memories
     * (10 and 20 rows, not multiples of 3) then fill by batches and truncate the last one.
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("online", "--model online --lr 0.05 --log_every 20"),
                arguments("online_batch3", "--model online --lr 0.05 --batch_size 3 --log_every 7"),
                // 60 hidden units shared by 3 tasks: 20 each
                arguments("independent", "--model independent --n_hiddens 60 --finetune yes --lr 0.05 --log_every 20"),
                arguments("taskinput", "--model taskinput --lr 0.05 --log_every 20"),
                arguments("ewc", "--model ewc --lr 0.05 --n_memories 10 --memory_strength 100 --log_every 20"),
                arguments("ewc_batch3",
                        "--model ewc --lr 0.05 --n_memories 10 --memory_strength 100 --batch_size 3 --log_every 7"),
                arguments("gem", "--model gem --lr 0.05 --n_memories 20 --memory_strength 0.5 --log_every 20"),
                arguments("gem_batch3",
                        "--model gem --lr 0.05 --n_memories 20 --memory_strength 0.5 --batch_size 3 --log_every 7"),
                arguments("eralg4", "--model eralg4 --lr 0.1 --memories 50 --replay_batch_size 5 --log_every 20"),
                arguments("eralg5", "--model eralg5 --lr 0.03 --memories 50 --replay_batch_size 5 --log_every 20"),
                arguments("meralg1", "--model meralg1 --lr 0.03 --memories 50 --replay_batch_size 5"
                        + " --batches_per_example 3 --beta 0.3 --gamma 0.7 --log_every 20"),
                // the goldens were made before meralg6 was allowed --batches_per_example (commit
                // 25d8a73 refused it), so meralg6 runs with the default of 1 here
                arguments("meralg6", "--model meralg6 --lr 0.03 --memories 50 --replay_batch_size 5 --gamma 0.5"
                        + " --log_every 20"),
                arguments("meralg7", "--model meralg7 --lr 0.03 --memories 50 --replay_batch_size 5 --s 2 --gamma 0.6"
                        + " --log_every 20"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void everyModelReproducesItsGoldenRun(String name, String flags) throws IOException {
        assumeTrue(otherMachine == null, otherMachine);
        TrainConfig config = TrainArguments.parse(COMMON + " " + flags).config();
        RunResult r = Trainer.run(data, config, TrainProgress.Listener.NONE);
        ObjectNode json = ResultFiles.json(r, Path.of(name));
        json.remove(NOT_RESULTS);
        String jsonText = pretty(json);
        byte[] text = r.matrix().gemText().getBytes(StandardCharsets.UTF_8);

        Path goldenJson = goldenDirectory().resolve(name + ".json");
        Path goldenText = goldenDirectory().resolve(name + ".txt");
        if (UPDATE) {
            Files.createDirectories(goldenDirectory());
            Files.writeString(goldenJson, jsonText);
            Files.write(goldenText, text);
            // an update that passed would look like a check that passed
            fail(name + ": goldens rewritten (" + goldenJson + " and .txt); run again without "
                    + "mer.golden.update / MER_GOLDEN_UPDATE to check them, and review the diff before committing");
        }
        if (!Files.exists(goldenJson) || !Files.exists(goldenText)) {
            fail(name + ": no golden in " + goldenDirectory() + "; see its README.md to make one");
        }
        String where = firstDifference(JSON.readTree(Files.readString(goldenJson)), JSON.readTree(jsonText), "$");
        if (where != null) {
            fail(name + ": the result JSON differs from " + goldenJson.getFileName() + " first at " + where);
        }
        byte[] golden = Files.readAllBytes(goldenText);
        if (!Arrays.equals(golden, text)) {
            fail(name + ": the GEM result file differs from " + goldenText.getFileName() + " first at line "
                    + firstDifferentLine(new String(golden, StandardCharsets.UTF_8),
                            new String(text, StandardCharsets.UTF_8)));
        }
    }

    /** A golden left behind by a renamed or removed case would never be checked again. */
    @Test
    void everyGoldenFileBelongsToACase() throws IOException {
        Set<String> cases = cases().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        Set<String> orphans;
        try (Stream<Path> files = Files.list(goldenDirectory())) {
            orphans = files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".json") || f.endsWith(".txt"))
                    .filter(f -> !cases.contains(f.substring(0, f.lastIndexOf('.'))))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(Set.of(), orphans, "golden files of no case in " + goldenDirectory());
    }

    /**
     * The golden directory in the source tree, not on the class path: an update must land where
     * git sees it. Surefire sets {@code basedir} to the module; an IDE usually runs in it.
     */
    static Path goldenDirectory() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        if (!Files.exists(module.resolve("src/test/java/dev/mer/train/GoldenRunsTest.java"))) {
            module = module.resolve("train"); // run from the repository root
        }
        return module.resolve("src/test/resources/golden");
    }

    // The same layout on every platform (Jackson's default indenter uses the system's line ending),
    // so that the files do not change when regenerated elsewhere.
    private static String pretty(JsonNode json) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(printer).writeValueAsString(json) + "\n";
    }

    /** The JSON path of the first place where the trees differ, or null where they do not. */
    static String firstDifference(JsonNode expected, JsonNode actual, String path) {
        if (expected.getNodeType() != actual.getNodeType()) {
            return path + " (expected " + expected + ", got " + actual + ")";
        }
        if (expected.isObject()) {
            Iterator<String> e = expected.fieldNames();
            Iterator<String> a = actual.fieldNames();
            while (e.hasNext() || a.hasNext()) {
                String en = e.hasNext() ? e.next() : null;
                String an = a.hasNext() ? a.next() : null;
                if (en == null || !en.equals(an)) {
                    return path + " (expected field " + (en == null ? "none" : "'" + en + "'") + ", got "
                            + (an == null ? "none" : "'" + an + "'") + ")";
                }
                String d = firstDifference(expected.get(en), actual.get(an), path + "." + en);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isArray()) {
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                String d = firstDifference(expected.get(i), actual.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return expected.size() == actual.size() ? null
                    : path + " (expected " + expected.size() + " elements, got " + actual.size() + ")";
        }
        // digits as written (both sides went through the same writer and parser)
        boolean same = expected.isNumber() ? expected.numberValue().toString().equals(actual.numberValue().toString())
                : expected.equals(actual);
        return same ? null : path + " (expected " + expected + ", got " + actual + ")";
    }

    private static int firstDifferentLine(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int i = 0;
        while (i < e.length && i < a.length && e[i].equals(a[i])) {
            i++;
        }
        return i + 1;
    }
}
