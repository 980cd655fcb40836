package dev.mer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A task's rows as others see them: in place, bounds-checked, and never read once unmapped. */
class TaskRowsTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final LeakCheckedAllocator allocator = new LeakCheckedAllocator();

    @Test
    void readingARowAfterTheFileIsClosedThrowsInsteadOfCrashing() throws IOException {
        Path dir = tmp.resolve("set");
        TaskSetFixtures.write(dir, 3, 2, 20, 5, XEncoding.UINT8, List.of(28, 28), 784 * 8, 20, allocator);
        TaskRows task;
        TaskSetFile train;
        try (TaskSet set = TaskSet.open(dir, allocator)) {
            train = set.train();
            task = train.task(1);
            float[] row = new float[task.nInputs()];
            task.copyRow(3, row, 0); // maps the task's batches
        }
        float[] row = new float[task.nInputs()];
        byte[] bytes = new byte[task.nInputs()];
        int[] labels = new int[task.rows()];
        List<Runnable> reads = List.of(() -> task.copyRow(3, row, 0), () -> task.copyRowBytes(3, bytes, 0),
                () -> task.label(0), () -> task.copyLabels(0, task.rows(), labels, 0), task::inputsInPlace);
        for (Runnable read : reads) {
            IllegalStateException e = assertThrows(IllegalStateException.class, read::run);
            assertTrue(e.getMessage().contains(train.path().toString()) && e.getMessage().contains("task 1"),
                    e.getMessage());
        }
    }

    @Test
    void aFloat32TaskInOneBatchIsViewedInPlaceReadOnlyAndLittleEndian() throws IOException {
        Path dir = tmp.resolve("f32");
        TaskSetFixtures.write(dir, 5, 2, 30, 4, XEncoding.FLOAT32, List.of(6), 1 << 20, 30, allocator);
        try (TaskSet set = TaskSet.open(dir, allocator)) {
            TaskRows task = set.train().task(1);
            ByteBuffer x = task.inputsInPlace().orElseThrow();
            assertTrue(x.isDirect() && x.isReadOnly());
            assertEquals(ByteOrder.LITTLE_ENDIAN, x.order());
            assertEquals(30 * 6 * Float.BYTES, x.capacity());
            for (int r = 0; r < 30; r++) {
                for (int i = 0; i < 6; i++) {
                    assertEquals(TaskSetFixtures.floatValue(5, Split.TRAIN, 1, r, i), x.getFloat(4 * (r * 6 + i)));
                }
            }
            assertThrows(IndexOutOfBoundsException.class, () -> x.getFloat(x.capacity()));
            assertThrows(ReadOnlyBufferException.class, () -> x.putFloat(0, 1f));
        }
    }

    @Test
    void tasksStoredAsUint8OrInSeveralBatchesHaveNoInPlaceView() throws IOException {
        Path u8 = tmp.resolve("u8");
        TaskSetFixtures.write(u8, 6, 1, 10, 2, XEncoding.UINT8, List.of(6), 1 << 20, 10, allocator);
        Path split = tmp.resolve("split");
        // 24 B per row, batches of at most 10 rows: 30 rows in three batches
        TaskSetFixtures.write(split, 7, 1, 30, 2, XEncoding.FLOAT32, List.of(6), 240, 10, allocator);
        try (TaskSet a = TaskSet.open(u8, allocator); TaskSet b = TaskSet.open(split, allocator)) {
            assertFalse(a.train().task(0).inputsInPlace().isPresent());
            assertEquals(3, b.train().task(0).blockCount());
            assertFalse(b.train().task(0).inputsInPlace().isPresent());
        }
    }
}
