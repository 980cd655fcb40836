package dev.mer.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mer.dataset.LeakCheckedAllocator;
import dev.mer.dataset.Manifest;
import dev.mer.dataset.TaskRows;
import dev.mer.dataset.TaskSet;
import dev.mer.dataset.TaskSetFile;
import dev.mer.dataset.TestEnvironment;
import dev.mer.dataset.progress.Progress;
import dev.mer.generate.idx.IdxDataset;
import dev.mer.generate.transform.PillowRotations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation from real data: Fashion-MNIST (60,000 train and 10,000 test images) as Debian's
 * {@code dataset-fashion-mnist} package installs it. Skipped when the package is absent, unless
 * {@code MER_REQUIRE_TEST_DATA=1} (as in CI), which makes its absence a failure.
 */
class FashionMnistIntegrationTest {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    static IdxDataset source;

    @TempDir
    Path tmp;
    @RegisterExtension
    final LeakCheckedAllocator allocator = new LeakCheckedAllocator();

    @BeforeAll
    static void requireFashionMnist() throws IOException {
        TestEnvironment.assume(Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")),
                "install Debian package dataset-fashion-mnist");
        source = IdxDataset.load(FASHION);
    }

    @Test
    void rotationsHoldEveryImageRotatedBitForBitLikePillow() throws IOException {
        List<Double> angles = List.of(12.345, -30.0, 171.25);
        GenerateOptions o = new GenerateOptions(Benchmark.ROTATIONS, 3, 0, 180, angles, "given", 0, false,
                GenerateOptions.ALL_ROWS, GenerateOptions.ALL_ROWS);
        Path out = tmp.resolve("rotations");
        new Generator(o, 2, Progress.NONE).write(source, out, false, List.of(), allocator);
        List<PillowRotations.Rotated> pillow = PillowRotations.load();
        try (TaskSet set = TaskSet.open(out, allocator)) {
            checkCountsAndLabels(set);
            for (int t = 0; t < 3; t++) {
                TaskRows test = set.test().task(t);
                int checked = 0;
                for (PillowRotations.Rotated p : pillow) {
                    if (p.image().name().startsWith("fashion") && p.angle() == angles.get(t)) {
                        int row = p.image().name().charAt(7) - '0';
                        byte[] got = new byte[784];
                        test.copyRowBytes(row, got, 0);
                        assertArrayEquals(p.pixels(), got, p.toString());
                        checked++;
                    }
                }
                assertEquals(3, checked, "the fixture has the first three test images at " + angles.get(t));
            }
        }
    }

    @Test
    void permutationsAreTruePermutationsOfTheSourcePixels() throws IOException {
        Path out = tmp.resolve("permutations");
        new Generator(GenerateOptions.defaults(Benchmark.PERMUTATIONS).withTasks(2), 2, Progress.NONE)
                .write(source, out, false, List.of(), allocator);
        try (TaskSet set = TaskSet.open(out, allocator)) {
            checkCountsAndLabels(set);
            for (int t = 0; t < 2; t++) {
                JsonNode p = set.manifest().tasks().get(t).parameter().get("permutation");
                int[] perm = new int[784];
                for (int i = 0; i < 784; i++) {
                    perm[i] = p.get(i).asInt();
                }
                int[] sorted = perm.clone();
                Arrays.sort(sorted);
                for (int i = 0; i < 784; i++) {
                    assertEquals(i, sorted[i], "a permutation of the 784 pixels");
                }
                checkPermuted(set.train().task(t), source.trainImages(), perm);
                checkPermuted(set.test().task(t), source.testImages(), perm);
            }
        }
    }

    private static void checkPermuted(TaskRows task, byte[] images, int[] perm) {
        byte[] got = new byte[784];
        for (int r = 0; r < task.rows(); r++) {
            task.copyRowBytes(r, got, 0);
            int base = r * 784;
            for (int i = 0; i < 784; i++) {
                if (got[i] != images[base + perm[i]]) {
                    fail("row " + r + " pixel " + i + " is not source pixel " + perm[i]);
                }
            }
        }
    }

    private static void checkCountsAndLabels(TaskSet set) throws IOException {
        Manifest m = set.manifest();
        assertEquals(10, m.nClasses());
        assertEquals(List.of(28, 28), m.shape());
        assertEquals(4, m.provenance().sources().size());
        for (int t = 0; t < m.taskCount(); t++) {
            checkLabels(set.train(), t, source.trainLabels());
            checkLabels(set.test(), t, source.testLabels());
        }
    }

    private static void checkLabels(TaskSetFile split, int t, int[] labels) throws IOException {
        TaskRows task = split.task(t);
        assertEquals(labels.length, task.rows());
        for (int r = 0; r < labels.length; r++) {
            if (task.label(r) != labels[r]) {
                fail("task " + t + " row " + r + ": label " + task.label(r) + ", source " + labels[r]);
            }
        }
    }
}
