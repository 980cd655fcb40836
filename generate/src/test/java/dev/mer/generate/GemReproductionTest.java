package dev.mer.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mer.dataset.LeakCheckedAllocator;
import dev.mer.dataset.TaskRows;
import dev.mer.dataset.TaskSet;
import dev.mer.dataset.TaskSetFile;
import dev.mer.dataset.progress.Progress;
import dev.mer.generate.idx.IdxDataset;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the fixture {@code gem/}: 20 train and 8 test Fashion-MNIST images and the float32
 * tensors GEM's procedures made of them with torch 1.13 and Pillow 9.4: permutations (seed 0,
 * 3 tasks) by generate/scripts/make_gem_permutation_fixture.py, rotations of the test images at
 * three given angles by generate/scripts/make_gem_rotation_fixture.py.
 */
class GemReproductionTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final LeakCheckedAllocator allocator = new LeakCheckedAllocator();

    @Test
    void permutationsWithSeedZeroReproduceGemsTensorsBitForBit() throws IOException, URISyntaxException {
        Path gem = Path.of(GemReproductionTest.class.getResource("gem").toURI());
        IdxDataset source = IdxDataset.load(gem);
        Path out = tmp.resolve("p");
        new Generator(GenerateOptions.defaults(Benchmark.PERMUTATIONS).withTasks(3), 2, Progress.NONE)
                .write(source, out, false, List.of("--permutations", "3", "--seed", "0"), allocator);
        try (TaskSet set = TaskSet.open(out, allocator)) {
            compare(set.train(), gem.resolve("gem-train-x.f32"), gem.resolve("gem-train-y.i64"));
            compare(set.test(), gem.resolve("gem-test-x.f32"), gem.resolve("gem-test-y.i64"));
        }
    }

    @Test
    void givenAnglesReproduceGemsRotatedTensorsBitForBit() throws IOException, URISyntaxException {
        Path gem = Path.of(GemReproductionTest.class.getResource("gem").toURI());
        List<Double> angles = Arrays.stream(Files.readString(gem.resolve("gem-rotations-angles.txt")).strip().split(","))
                .map(Double::valueOf).toList();
        IdxDataset source = IdxDataset.load(gem);
        GenerateOptions o = new GenerateOptions(Benchmark.ROTATIONS, angles.size(), 0, 180, angles, "given", 0, false,
                GenerateOptions.ALL_ROWS, GenerateOptions.ALL_ROWS);
        Path out = tmp.resolve("r");
        new Generator(o, 2, Progress.NONE).write(source, out, false, List.of(), allocator);
        try (TaskSet set = TaskSet.open(out, allocator)) {
            compare(set.test(), gem.resolve("gem-rotations-test-x.f32"), gem.resolve("gem-test-y.i64"));
        }
    }

    private static void compare(TaskSetFile split, Path xFile, Path yFile) throws IOException {
        ByteBuffer x = ByteBuffer.wrap(Files.readAllBytes(xFile)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer y = ByteBuffer.wrap(Files.readAllBytes(yFile)).order(ByteOrder.LITTLE_ENDIAN);
        int rows = y.capacity() / 8;
        assertEquals(3L * rows * 784 * 4, x.capacity());
        float[] row = new float[784];
        for (int t = 0; t < 3; t++) {
            TaskRows task = split.task(t);
            assertEquals(rows, task.rows());
            for (int r = 0; r < rows; r++) {
                task.copyRow(r, row, 0);
                for (int i = 0; i < 784; i++) {
                    float expected = x.getFloat(((t * rows + r) * 784 + i) * 4);
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(row[i]),
                            "task " + t + " row " + r + " pixel " + i);
                }
                assertEquals(y.getLong(r * 8), task.label(r));
            }
        }
    }
}
