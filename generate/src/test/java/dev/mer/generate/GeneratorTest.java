package dev.mer.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.Manifest;
import dev.mer.dataset.TaskKind;
import dev.mer.dataset.TaskRows;
import dev.mer.dataset.TaskSet;
import dev.mer.dataset.TaskSetFile;
import dev.mer.dataset.XEncoding;
import dev.mer.dataset.progress.Progress;
import dev.mer.generate.idx.IdxDataset;
import dev.mer.generate.idx.IdxFiles;
import dev.mer.generate.transform.Permutation;
import dev.mer.generate.transform.Rotation;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeneratorTest {
    private static final int H = 5;
    private static final int W = 6;
    private static final int TRAIN = 30;
    private static final int TEST = 10;

    @TempDir
    Path tmp;
    BufferAllocator allocator;
    IdxDataset source;
    /** Each progress update: images done, images in all. */
    List<long[]> progress = new ArrayList<>();
    List<String> notes = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        allocator = new RootAllocator();
        IdxFiles.writeSet(tmp.resolve("raw"), TRAIN, TEST, H, W, 4, true);
        source = IdxDataset.load(tmp.resolve("raw"));
    }

    @AfterEach
    void closeAllocatorChecksForLeaks() {
        allocator.close();
    }

    private Path generate(GenerateOptions options, String name, int threads) throws IOException {
        Path out = tmp.resolve(name);
        new Generator(options, threads, (done, total, note) -> {
            progress.add(new long[] {done, total});
            notes.add(note);
        }).write(source, out, false, List.of("--test"), allocator);
        return out;
    }

    private static byte[] row(TaskRows rows, int r) {
        byte[] b = new byte[rows.nInputs()];
        rows.copyRowBytes(r, b, 0);
        return b;
    }

    private static byte[] image(byte[] all, int i) {
        return Arrays.copyOfRange(all, i * H * W, (i + 1) * H * W);
    }

    @Test
    void permutationTasksPermuteEveryImageByTheRecordedPermutation() throws IOException {
        Path out = generate(GenerateOptions.defaults(Benchmark.PERMUTATIONS).withTasks(3).withSeed(5), "p", 2);
        try (TaskSet set = TaskSet.open(out, allocator)) {
            Manifest m = set.manifest();
            assertEquals(XEncoding.UINT8, m.encoding());
            assertEquals(List.of(H, W), m.shape());
            assertEquals(4, m.nClasses());
            List<int[]> seen = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                JsonNode param = m.tasks().get(t).parameter();
                assertEquals(TaskKind.PERMUTATION, m.tasks().get(t).kind());
                assertEquals(5, param.get("seed").asLong());
                assertEquals(t, param.get("draw").asInt());
                int[] perm = new int[H * W];
                for (int i = 0; i < perm.length; i++) {
                    perm[i] = param.get("permutation").get(i).asInt();
                }
                new Permutation(perm); // validates
                seen.add(perm);
                checkPermuted(set.train(), t, perm, source.trainImages(), source.trainLabels(), null);
                checkPermuted(set.test(), t, perm, source.testImages(), source.testLabels(), null);
            }
            assertFalse(Arrays.equals(seen.get(0), seen.get(1)), "tasks differ");
            assertFalse(Arrays.equals(seen.get(0), Permutation.identity(H * W).order()), "no task left unpermuted");
        }
        assertEquals(3, progress.size());
        assertEquals(3 * (TRAIN + TEST), progress.get(2)[0]);
        assertEquals(progress.get(2)[1], progress.get(2)[0]);
        assertEquals(List.of("task 1/3", "task 2/3", "task 3/3"), notes);
    }

    private static void checkPermuted(TaskSetFile split, int t, int[] perm, byte[] images, int[] labels, int[] rows)
            throws IOException {
        TaskRows task = split.task(t);
        assertEquals(rows == null ? labels.length : rows.length, task.rows());
        for (int r = 0; r < task.rows(); r++) {
            int from = rows == null ? r : rows[r];
            byte[] src = image(images, from);
            byte[] got = row(task, r);
            for (int i = 0; i < perm.length; i++) {
                assertEquals(src[perm[i]], got[i]);
            }
            assertEquals(labels[from], task.label(r), "labels are unchanged");
        }
    }

    @Test
    void rotationTasksRotateEveryImageByTheirAngleDrawnInItsRange() throws IOException {
        GenerateOptions o = new GenerateOptions(Benchmark.ROTATIONS, 4, 10, 90, List.of(), null, 3, false,
                GenerateOptions.ALL_ROWS, GenerateOptions.ALL_ROWS);
        Path out = generate(o, "r", 3);
        try (TaskSet set = TaskSet.open(out, allocator)) {
            for (int t = 0; t < 4; t++) {
                double angle = set.manifest().tasks().get(t).parameter().get("angle").asDouble();
                assertTrue(angle >= 10 + 20 * t && angle < 10 + 20 * (t + 1), "task " + t + " angle " + angle);
                Rotation rot = new Rotation(angle, W, H);
                for (int r = 0; r < TRAIN; r++) {
                    assertArrayEquals(rot.apply(image(source.trainImages(), r)), row(set.train().task(t), r));
                    assertEquals(source.trainLabels()[r], set.train().task(t).label(r));
                }
                for (int r = 0; r < TEST; r++) {
                    assertArrayEquals(rot.apply(image(source.testImages(), r)), row(set.test().task(t), r));
                }
            }
            assertEquals("drawn", set.manifest().provenance().settings().get("angles").asText());
            assertEquals(List.of("--test"), set.manifest().provenance().arguments());
        }
    }

    @ParameterizedTest
    @EnumSource(Benchmark.class)
    void theSameOptionsGiveByteIdenticalFilesWhateverTheThreadCount(Benchmark b) throws IOException {
        GenerateOptions o = GenerateOptions.defaults(b).withTasks(5).withSeed(11);
        Path one = generate(o, "one", 1);
        Path three = generate(o, "three", 3);
        for (String f : List.of("train.arrow", "test.arrow")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(three.resolve(f)), f);
        }
        Path other = generate(o.withSeed(12), "other", 2);
        assertFalse(Arrays.equals(Files.readAllBytes(one.resolve("train.arrow")),
                Files.readAllBytes(other.resolve("train.arrow"))), "another seed, other tasks");
    }

    @Test
    void subsamplingPicksSeededSubsetsPerTask() throws IOException {
        GenerateOptions o = GenerateOptions.defaults(Benchmark.PERMUTATIONS).withTasks(2).withRowsPerTask(7, 3);
        Path out = generate(o, "sub", 2);
        List<TaskPlan> plans = new Generator(o, 1, Progress.NONE).plan(source);
        assertFalse(Arrays.equals(plans.get(0).trainRows(), plans.get(1).trainRows()), "each task its own subset");
        try (TaskSet set = TaskSet.open(out, allocator)) {
            for (int t = 0; t < 2; t++) {
                int[] perm = plans.get(t).map().sources();
                checkPermuted(set.train(), t, perm, source.trainImages(), source.trainLabels(), plans.get(t).trainRows());
                checkPermuted(set.test(), t, perm, source.testImages(), source.testLabels(), plans.get(t).testRows());
            }
            assertEquals(7, set.manifest().provenance().settings().get("train_per_task").asInt());
        }
        assertEquals(7, plans.get(0).trainRows().length);
        assertEquals(7, Arrays.stream(plans.get(0).trainRows()).distinct().count());
    }

    @Test
    void identityFirstLeavesTaskZeroUnpermutedAndKeepsTheOtherDraws() throws IOException {
        GenerateOptions plain = GenerateOptions.defaults(Benchmark.PERMUTATIONS).withTasks(3);
        GenerateOptions identity = new GenerateOptions(Benchmark.PERMUTATIONS, 3, 0, 180, List.of(), null, 0, true,
                GenerateOptions.ALL_ROWS, GenerateOptions.ALL_ROWS);
        List<TaskPlan> a = new Generator(plain, 1, Progress.NONE).plan(source);
        List<TaskPlan> b = new Generator(identity, 1, Progress.NONE).plan(source);
        assertArrayEquals(Permutation.identity(H * W).order(), b.get(0).map().sources());
        assertTrue(b.get(0).parameter().get("identity").asBoolean());
        assertNotEquals(a.get(0).map(), b.get(0).map());
        assertEquals(a.get(1).map(), b.get(1).map());
        assertEquals(a.get(2).map(), b.get(2).map());
    }

    @Test
    void givenAnglesAreUsedAndCanBeReadBack() throws IOException {
        List<Double> angles = List.of(-30.0, 12.345, 400.0);
        GenerateOptions o = new GenerateOptions(Benchmark.ROTATIONS, 3, 0, 180, angles, "given", 0, false,
                GenerateOptions.ALL_ROWS, 2);
        Path out = generate(o, "given", 2);
        assertEquals(angles, Manifest.rotationAngles(out, allocator));
        Path again = generate(new GenerateOptions(Benchmark.ROTATIONS, 3, 0, 180,
                Manifest.rotationAngles(out, allocator), "given", 0, false, GenerateOptions.ALL_ROWS, 2), "again", 1);
        assertArrayEquals(Files.readAllBytes(out.resolve("train.arrow")), Files.readAllBytes(again.resolve("train.arrow")));
    }

    @Test
    void rotationAnglesRejectPermutationSets() throws IOException {
        Path out = generate(GenerateOptions.defaults(Benchmark.PERMUTATIONS).withTasks(1), "p", 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Manifest.rotationAngles(out, allocator));
        assertTrue(e.getMessage().contains("task 0 is not a rotation"), e.getMessage());
    }

    @Test
    void anExistingDestinationIsRefusedAndKept() throws IOException {
        Path out = generate(GenerateOptions.defaults(Benchmark.PERMUTATIONS).withTasks(1), "p", 1);
        byte[] before = Files.readAllBytes(out.resolve("train.arrow"));
        assertThrows(FileAlreadyExistsException.class,
                () -> generate(GenerateOptions.defaults(Benchmark.PERMUTATIONS).withTasks(2), "p", 1));
        assertArrayEquals(before, Files.readAllBytes(out.resolve("train.arrow")));
    }

    @Test
    void tooLargeSubsetsFailBeforeAnythingIsWritten() throws IOException {
        GenerateOptions o = GenerateOptions.defaults(Benchmark.ROTATIONS).withTasks(2).withRowsPerTask(31, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> generate(o, "big", 1));
        assertEquals("31 train images per task requested, but the source has only 30", e.getMessage());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(tmp.resolve("raw")), s.toList(), "nothing left beside the source");
        }
    }

    @Test
    void optionsAreValidatedWithTheBadValue() {
        GenerateOptions d = GenerateOptions.defaults(Benchmark.ROTATIONS);
        assertEquals("Invalid number of tasks: 0 (must be at least 1)",
                assertThrows(IllegalArgumentException.class, () -> d.withTasks(0)).getMessage());
        assertEquals("Invalid rotation range: minimum 90.0 exceeds maximum 10.0",
                assertThrows(IllegalArgumentException.class, () -> new GenerateOptions(Benchmark.ROTATIONS, 2, 90, 10,
                        List.of(), null, 0, false, -1, -1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withRowsPerTask(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new GenerateOptions(Benchmark.ROTATIONS, 2, 0, 180,
                List.of(1.0), "given", 0, false, -1, -1));
    }
}
