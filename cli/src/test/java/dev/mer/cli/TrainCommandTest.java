package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import dev.mer.train.Flag;
import dev.mer.train.Flags;
import dev.mer.train.learner.Model;
import dev.mer.train.learner.Models;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class TrainCommandTest {
    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void writeTaskSet() throws Exception {
        data = tmp.resolve("data");
        try (BufferAllocator allocator = new RootAllocator()) {
            TaskSetFixtures.write(data.resolve("mnist_rotations"), 1, 2, 60, 20, XEncoding.UINT8, List.of(28, 28),
                    1 << 20, 60, allocator);
        }
    }

    private List<Path> results() throws Exception {
        try (Stream<Path> s = Files.list(tmp.resolve("results"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void mainPyFlagsTrainAndWriteGemsResultFiles() throws Exception {
        CliRun run = CliRun.of("train", "--data_path", data.toString(), "--data_file", "mnist_rotations.pt",
                "--model", "online", "--lr", "0.01", "--n_layers", "2", "--n_hiddens", "100", "--batch_size", "1",
                "--log_every", "100", "--cuda", "no", "--samples_per_task", "50", "--save_path",
                tmp.resolve("results").toString());
        assertEquals(0, run.exitCode(), run.err());
        List<Path> files = results();
        assertEquals(3, files.size());
        assertTrue(files.get(1).getFileName().toString().endsWith(".pt"), files.toString());
        String txt = Files.readString(files.get(2));
        assertTrue(files.get(2).getFileName().toString().matches("online_mnist_rotations\\.pt_\\d{4}(_\\d\\d){5}_[0-9a-f]{32}\\.txt"),
                files.toString());
        assertTrue(txt.contains("|\n") && txt.contains("Final Accuracy: ") && txt.contains("Forward:  "), txt);
        assertTrue(run.out().contains(": {'model': 'online'"), run.out());
        assertTrue(run.out().contains("RA "), run.out());
        String json = Files.readString(files.get(0));
        assertTrue(json.contains("\"evaluations\"") && json.contains("\"manifest_sha256\""), json);
    }

    /** Two tasks presented as 1, 0 by seed 1: three rows for two tasks; ewc cannot, as in the reference. */
    @Test
    void shuffledTasksTrainEveryModelButEwcWhoseReasonIsOneLine() throws Exception {
        CliRun run = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model", "online",
                "--shuffle_tasks", "yes", "--seed", "1", "--samples_per_task", "20", "--log_every", "10",
                "--save_path", tmp.resolve("results").toString());
        assertEquals(0, run.exitCode(), run.err());
        String txt = Files.readString(results().get(2));
        assertEquals(3, txt.substring(txt.indexOf("|\n") + 2, txt.indexOf("\n\n")).split("\n").length, txt);
        CliRun ewc = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model", "ewc",
                "--n_memories", "5", "--shuffle_tasks", "yes", "--seed", "1", "--samples_per_task", "20");
        assertEquals(1, ewc.exitCode());
        assertTrue(ewc.err().matches("mer: .*mnist_rotations: ewc: --shuffle_tasks yes presented the tasks out of"
                + " order: [^\n]*\n"), ewc.err());
    }

    @Test
    void gemSaysHowManyStepsNeededTheRidge() {
        CliRun run = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model", "gem",
                "--n_memories", "5", "--samples_per_task", "20", "--save_path", tmp.resolve("results").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*\nlearner: gem_ridge_fallbacks \\d+\nresults: .*"), run.out());
    }

    @Test
    void noPtSkipsMainPysBinaryResult() throws Exception {
        CliRun run = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model", "online",
                "--samples_per_task", "20", "--no-pt", "--save_path", tmp.resolve("results").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, results().size());
        assertTrue(results().stream().noneMatch(p -> p.toString().endsWith(".pt")));
    }

    /** Found by mutating task-sets (issue 16): such a label used to end in an index error (exit 70). */
    @Test
    void aLabelOutsideTheClassesIsOneLineNamingTheFile() throws Exception {
        Path train = data.resolve("mnist_rotations/train.arrow");
        byte[] bytes = Files.readAllBytes(train);
        // task 0's first 16 labels, as int32 little-endian, mark where the label column lies
        java.nio.ByteBuffer want = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < 16; r++) {
            want.putInt(TaskSetFixtures.label(dev.mer.dataset.Split.TRAIN, 0, r));
        }
        int at = -1;
        for (int i = 0; i + 64 <= bytes.length && at < 0; i += 4) {
            if (java.util.Arrays.equals(bytes, i, i + 64, want.array(), 0, 64)) {
                at = i;
            }
        }
        assertTrue(at >= 0, "task 0's labels not found in " + train);
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(at + 4 * 3, 12);
        Files.write(train, bytes);
        CliRun run = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model", "online",
                "--samples_per_task", "20", "--no-pt", "--save_path", tmp.resolve("results").toString());
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("mer: " + train + ": task 0, row 3: label 12 is not a class of the manifest's 10 (0 to 9)\n",
                run.err());
    }

    @Test
    void kebabCaseSpellingsWorkToo() {
        CliRun run = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model", "ewc",
                "--n-memories", "5", "--memory-strength", "1", "--samples-per-task", "20", "--log-every", "10",
                "--save-path", tmp.resolve("results").toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void aFlagThatMeansNothingToTheModelIsRefused() {
        CliRun run = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model", "online",
                "--memories", "200");
        assertEquals(1, run.exitCode());
        assertEquals("mer: --memories has no effect on --model online (it is used by eralg4, eralg5, meralg1, meralg6,"
                + " meralg7)\n", run.err());
    }

    @Test
    void everyMainPyFlagIsAnOptionInBothSpellingsWithItsHelpAndDefault() {
        CommandLine cl = Mer.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CommandSpec train = cl.getSubcommands().get("train").getCommandSpec();
        for (Flag<?> f : Flags.ALL) {
            OptionSpec o = train.findOption(f.option());
            assertNotNull(o, f.option());
            assertEquals(o, train.findOption(f.kebabOption()), f.kebabOption());
            String description = String.join(" ", o.description());
            assertTrue(description.startsWith(f.help()), description);
            if (f != Flags.MODEL) {
                assertTrue(description.contains("(default: " + format(f) + ")"), description);
            }
        }
        assertTrue(String.join(" ", train.findOption("--gamma").description()).endsWith("[meralg1, meralg6, meralg7]"));
        String help = cl.getSubcommands().get("train").getUsageMessage().replaceAll("\\s+", " ");
        for (Model m : Models.all()) {
            assertTrue(help.contains(m.name() + " ") && help.contains(m.algorithm()), m.name());
        }
    }

    private static <T> String format(Flag<T> f) {
        return f.format(f.defaultValue());
    }

    @Test
    void meralg6TakesBatchesPerExample() throws Exception {
        CliRun run = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model", "meralg6",
                "--memories", "50", "--replay_batch_size", "5", "--batches_per_example", "3", "--samples_per_task",
                "20", "--save_path", tmp.resolve("results").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, results().size());
    }

    @Test
    void aBadValueIsOneLineNamingTheFlag() {
        CliRun run = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model", "online",
                "--n_hiddens", "1.5");
        assertEquals(1, run.exitCode());
        assertEquals("mer: --n_hiddens takes an integer, not '1.5'\n", run.err());
    }

    @Test
    void anUnknownModelIsAOneLineError() {
        CliRun run = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model", "resnet");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("mer: unknown --model 'resnet'"), run.err());
    }

    @Test
    void theReplayFamilyTrainsWithThePapersFlags() throws Exception {
        CliRun run = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model", "meralg1",
                "--lr", "0.03", "--beta", "0.03", "--gamma", "1.0", "--memories", "50", "--replay_batch_size", "5",
                "--batches_per_example", "2", "--samples_per_task", "20", "--save_path", tmp.resolve("results").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, results().size());
    }

    @Test
    void aPtWithoutItsTaskSetSaysWhichConvertToRun() throws Exception {
        Files.writeString(data.resolve("mnist_permutations.pt"), "x");
        CliRun run = CliRun.of("train", "--data_path", data.toString(), "--model", "online");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("convert it first with 'mer convert " + data.resolve("mnist_permutations.pt")),
                run.err());
    }

    @Test
    void missingDataIsAUserError() {
        CliRun run = CliRun.of("train", "--data", tmp.resolve("nothing").toString(), "--model", "online");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no such task-set directory"), run.err());
    }
}
