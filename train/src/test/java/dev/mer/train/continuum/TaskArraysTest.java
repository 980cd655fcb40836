package dev.mer.train.continuum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mer.dataset.LeakCheckedAllocator;
import dev.mer.dataset.Split;
import dev.mer.dataset.TaskRows;
import dev.mer.dataset.TaskSet;
import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import dev.mer.train.network.SparseRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TaskArraysTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final LeakCheckedAllocator allocator = new LeakCheckedAllocator();

    @Test
    void aFloat32TaskSpanningSeveralBatchesIsReadRowForRow() throws IOException {
        Path dir = tmp.resolve("f32");
        // 30 rows in batches of 8: the packed rows cross record batches
        TaskSetFixtures.write(dir, 5, 2, 30, 4, XEncoding.FLOAT32, List.of(6), 6 * 4 * 8, 8, allocator);
        try (TaskSet set = TaskSet.open(dir, allocator)) {
            TaskRows task = set.train().task(1);
            SparseRows x = TaskArrays.inputs(task);
            assertEquals(30, x.rows());
            float[] row = new float[6];
            for (int r = 0; r < 30; r++) {
                x.copyRow(r, row, 0);
                for (int i = 0; i < 6; i++) {
                    assertEquals(Float.floatToIntBits(TaskSetFixtures.floatValue(5, Split.TRAIN, 1, r, i)),
                            Float.floatToIntBits(row[i]));
                }
            }
        }
    }

    @Test
    void aUint8TaskIsDecodedBitExactAndKeepsOnlyItsNonZeroInputs() throws IOException {
        Path dir = tmp.resolve("u8");
        TaskSetFixtures.write(dir, 6, 3, 50, 5, XEncoding.UINT8, List.of(28, 28), 784 * 16, 50, allocator);
        try (TaskSet set = TaskSet.open(dir, allocator)) {
            TaskRows task = set.train().task(2);
            SparseRows x = TaskArrays.inputs(task);
            float[] row = new float[784];
            for (int r = 0; r < 50; r++) {
                x.copyRow(r, row, 0);
                int nonZero = 0;
                for (int i = 0; i < 784; i++) {
                    float expected = (TaskSetFixtures.value(6, Split.TRAIN, 2, r, i) & 0xff) / 255f;
                    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(row[i]));
                    nonZero += expected != 0f ? 1 : 0;
                }
                assertEquals(nonZero, x.count(r));
            }
            int[] y = TaskArrays.labels(task);
            for (int r = 0; r < 50; r++) {
                assertEquals(TaskSetFixtures.label(Split.TRAIN, 2, r), y[r]);
            }
        }
    }
}
