package dev.mer.train.continuum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.LeakCheckedAllocator;
import dev.mer.dataset.Split;
import dev.mer.dataset.TaskRows;
import dev.mer.dataset.TaskSet;
import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TaskArraysTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final LeakCheckedAllocator allocator = new LeakCheckedAllocator();

    @Test
    void aFloat32TaskInOneBatchIsWrappedInPlaceWithoutACopy() throws IOException {
        Path dir = tmp.resolve("f32");
        TaskSetFixtures.write(dir, 5, 2, 30, 4, XEncoding.FLOAT32, List.of(6), 1 << 20, 30, allocator);
        try (TaskSet set = TaskSet.open(dir, allocator)) {
            TaskRows task = set.train().task(1);
            assertTrue(TaskArrays.wrapsInPlace(task));
            INDArray x = TaskArrays.inputs(task);
            ByteBuffer mapped = task.inputsInPlace().orElseThrow();
            assertEquals(new Pointer(mapped).address(), x.data().address(), "the matrix views the mapped file");
            assertEquals(List.of(30L, 6L), List.of(x.rows() * 1L, x.columns() * 1L));
            for (int r = 0; r < 30; r++) {
                for (int i = 0; i < 6; i++) {
                    assertEquals(TaskSetFixtures.floatValue(5, Split.TRAIN, 1, r, i), x.getFloat(r, i));
                    assertEquals(mapped.getFloat(4 * (r * 6 + i)), x.getFloat(r, i));
                }
            }
            // batched math on the view: one product for the whole task
            INDArray sums = x.sum(1);
            for (int r = 0; r < 30; r++) {
                float expected = 0;
                for (int i = 0; i < 6; i++) {
                    expected += TaskSetFixtures.floatValue(5, Split.TRAIN, 1, r, i);
                }
                assertEquals(expected, sums.getFloat(r), 1e-4);
            }
        }
    }

    @Test
    void aUint8TaskIsDecodedInOneCopyBitExact() throws IOException {
        Path dir = tmp.resolve("u8");
        TaskSetFixtures.write(dir, 6, 3, 50, 5, XEncoding.UINT8, List.of(28, 28), 784 * 16, 50, allocator);
        try (TaskSet set = TaskSet.open(dir, allocator)) {
            TaskRows task = set.train().task(2);
            assertFalse(TaskArrays.wrapsInPlace(task));
            INDArray x = TaskArrays.inputs(task);
            for (int r = 0; r < 50; r += 7) {
                for (int i = 0; i < 784; i += 13) {
                    float expected = (TaskSetFixtures.value(6, Split.TRAIN, 2, r, i) & 0xff) / 255f;
                    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(x.getFloat(r, i)));
                }
            }
            int[] y = TaskArrays.labels(task);
            for (int r = 0; r < 50; r++) {
                assertEquals(TaskSetFixtures.label(Split.TRAIN, 2, r), y[r]);
            }
        }
    }
}
