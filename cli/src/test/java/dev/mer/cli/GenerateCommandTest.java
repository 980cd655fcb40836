package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.LeakCheckedAllocator;
import dev.mer.dataset.Manifest;
import dev.mer.dataset.TaskSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final LeakCheckedAllocator allocator = new LeakCheckedAllocator();

    private String out(String name) {
        return tmp.resolve(name).toString();
    }

    private void assertUserError(CliRun run, String message) throws IOException {
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("mer: " + message + "\n", run.err().replace("\r", ""));
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary left");
        }
    }

    @Test
    void generatesRotationsFromTheEmbeddedSample() throws IOException {
        CliRun run = CliRun.of("generate", "--rotations", "2", "--source", "sample", "--out", out("r"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("2 rotation tasks from sample, 16,000 train + 4,000 test rows, uint8"), run.out());
        try (TaskSet set = TaskSet.open(tmp.resolve("r"), allocator)) {
            Manifest m = set.manifest();
            assertEquals(2, m.taskCount());
            assertEquals(8000, m.tasks().get(1).rows());
            assertEquals(List.of("--rotations", "2", "--source", "sample", "--out", out("r")),
                    m.provenance().arguments());
            assertEquals("sample/train-images-idx3-ubyte.gz", m.provenance().sources().get(0).name());
            double a1 = m.tasks().get(1).parameter().get("angle").asDouble();
            assertTrue(a1 >= 90 && a1 < 180, "task 1 of 2 draws in [90, 180): " + a1);
        }
        assertTrue(run.err().startsWith("generate [") && run.err().contains("task 2/2"), run.err());
    }

    @Test
    void theSameCommandGivesByteIdenticalFiles() throws IOException {
        String[] args = {"generate", "--many-permutations", "3", "--source", "sample", "--train-per-task", "100",
            "--test-per-task", "50", "--seed", "7", "--out", out("m"), "--force"};
        assertEquals(0, CliRun.of(args).exitCode());
        byte[] first = Files.readAllBytes(tmp.resolve("m/train.arrow"));
        byte[] firstTest = Files.readAllBytes(tmp.resolve("m/test.arrow"));
        CliRun again = CliRun.of(args);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("3 permutation tasks from sample, 300 train + 150 test rows"), again.out());
        assertArrayEquals(first, Files.readAllBytes(tmp.resolve("m/train.arrow")));
        assertArrayEquals(firstTest, Files.readAllBytes(tmp.resolve("m/test.arrow")));
    }

    @Test
    void threadsForceAndProgressDoNotChangeTheOutput() throws IOException {
        assertEquals(0, CliRun.of("generate", "--permutations", "2", "--source", "sample", "--test-per-task", "9",
                "--out", out("t"), "--threads", "1").exitCode());
        byte[] first = Files.readAllBytes(tmp.resolve("t/train.arrow"));
        assertEquals(0, CliRun.of("generate", "--permutations", "2", "--source", "sample", "--test-per-task", "9",
                "--out", out("t"), "--threads=2", "--force", "--no-progress").exitCode());
        assertArrayEquals(first, Files.readAllBytes(tmp.resolve("t/train.arrow")));
    }

    @Test
    void givenAnglesAndAnglesFromAnotherSetAreUsedExactly() throws IOException {
        assertEquals(0, CliRun.of("generate", "--angles", "-30,12.345,171.25", "--source", "sample",
                "--test-per-task", "5", "--train-per-task", "5", "--out", out("a")).exitCode());
        CliRun run = CliRun.of("generate", "--angles-from", out("a"), "--source", "sample", "--test-per-task", "5",
                "--train-per-task", "5", "--out", out("b"));
        assertEquals(0, run.exitCode(), run.err());
        try (TaskSet a = TaskSet.open(tmp.resolve("a"), allocator); TaskSet b = TaskSet.open(tmp.resolve("b"), allocator)) {
            for (int t = 0; t < 3; t++) {
                assertEquals(List.of(-30.0, 12.345, 171.25).get(t),
                        b.manifest().tasks().get(t).parameter().get("angle").asDouble());
                byte[] x = new byte[784];
                byte[] y = new byte[784];
                a.train().task(t).copyRowBytes(4, x, 0);
                b.train().task(t).copyRowBytes(4, y, 0);
                assertArrayEquals(x, y);
            }
            assertEquals("from a", b.manifest().provenance().settings().get("angles").asText());
        }
    }

    @Test
    void identityFirstLeavesTaskZeroAsTheSource() throws IOException {
        CliRun run = CliRun.of("generate", "--permutations", "2", "--identity-first", "--source", "sample",
                "--out", out("p"));
        assertEquals(0, run.exitCode(), run.err());
        try (TaskSet set = TaskSet.open(tmp.resolve("p"), allocator)) {
            assertTrue(set.manifest().tasks().get(0).parameter().get("identity").asBoolean());
            assertEquals(1, set.manifest().tasks().get(1).parameter().get("draw").asInt());
        }
    }

    @Test
    void aNonPositiveTaskCountIsAUserError() throws IOException {
        assertUserError(CliRun.of("generate", "--rotations", "0", "--source", "sample", "--out", out("x")),
                "Invalid number of tasks: 0 (must be at least 1)");
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void anInvertedRotationRangeIsAUserError() throws IOException {
        assertUserError(CliRun.of("generate", "--rotations", "--min-rot", "90", "--max-rot", "10", "--source", "sample",
                "--out", out("x")), "Invalid rotation range: minimum 90.0 exceeds maximum 10.0");
    }

    @Test
    void optionsThatDoNotApplyAreRefused() throws IOException {
        assertUserError(CliRun.of("generate", "--rotations", "--identity-first", "--source", "sample"),
                "An identity first task applies to permutations only");
        assertUserError(CliRun.of("generate", "--permutations", "--max-rot", "90", "--source", "sample"),
                "--min-rot and --max-rot apply to rotations only");
        assertUserError(CliRun.of("generate", "--angles", "1,2", "--max-rot", "90", "--source", "sample"),
                "--min-rot and --max-rot do not apply to given angles");
        assertUserError(CliRun.of("generate", "--permutations", "--train-per-task", "0", "--source", "sample"),
                "Invalid train images per task: 0");
        assertUserError(CliRun.of("generate", "--permutations", "--test-per-task", "2001", "--source", "sample",
                "--out", out("x")), "2001 test images per task requested, but the source has only 2000");
    }

    @Test
    void aBenchmarkMustBeChosen() throws IOException {
        assertUserError(CliRun.of("generate", "--source", "sample"),
                "choose --rotations, --permutations or --many-permutations (see 'mer generate --help')");
        assertUserError(CliRun.of("generate", "--rotations", "--permutations", "--source", "sample"),
                "choose one of --rotations, --permutations and --many-permutations");
    }

    @Test
    void aMissingSourceDirectoryIsNamed() throws IOException {
        CliRun run = CliRun.of("generate", "--permutations", "--source", out("raw"), "--out", out("x"));
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("mer: " + out("raw") + ": no such directory"), run.err());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void aCorruptSourceFileIsNamed() throws IOException {
        Path raw = tmp.resolve("raw");
        Files.createDirectories(raw);
        for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            try (var in = GenerateCommandTest.class.getResourceAsStream("/dev/mer/generate/sample/" + name)) {
                Files.write(raw.resolve(name), in.readAllBytes());
            }
        }
        byte[] labels = Files.readAllBytes(raw.resolve("t10k-labels-idx1-ubyte.gz"));
        Files.write(raw.resolve("t10k-labels-idx1-ubyte.gz"), Arrays.copyOf(labels, labels.length - 20));
        CliRun run = CliRun.of("generate", "--permutations", "--source", raw.toString(), "--out", out("x"));
        assertUserError(run, raw.resolve("t10k-labels-idx1-ubyte.gz") + ": truncated gzip data");
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void anExistingOutputNeedsForce() throws IOException {
        Files.createDirectories(tmp.resolve("x"));
        CliRun run = CliRun.of("generate", "--permutations", "1", "--source", "sample", "--out", out("x"));
        assertUserError(run, out("x") + ": already exists (use --force to replace it)");
    }

    @Test
    void anUnwritableOutputIsAUserError() throws IOException {
        Files.writeString(tmp.resolve("file"), "not a directory");
        CliRun run = CliRun.of("generate", "--permutations", "1", "--source", "sample", "--out",
                tmp.resolve("file").resolve("x").toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("mer: " + tmp.resolve("file")), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line");
    }

    @Test
    void helpShowsExamples() {
        CliRun run = CliRun.of("generate", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("mer generate --rotations --source sample"), run.out());
    }
}
