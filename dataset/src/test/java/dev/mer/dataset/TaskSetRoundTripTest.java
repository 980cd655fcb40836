package dev.mer.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskSetRoundTripTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final LeakCheckedAllocator allocator = new LeakCheckedAllocator();

    static Stream<Arguments> sizes() {
        // encoding, tasks, train rows, test rows, shape, max batch bytes, append chunk
        return Stream.of(
                Arguments.of(XEncoding.UINT8, 1, 1, 1, List.of(1), 1L << 20, 1),
                Arguments.of(XEncoding.UINT8, 3, 100, 17, List.of(28, 28), 10_000L, 7),
                Arguments.of(XEncoding.UINT8, 20, 50, 10, List.of(28, 28), 1L << 20, 50),
                Arguments.of(XEncoding.UINT8, 2, 3000, 500, List.of(28, 28), 64L << 20, 1000),
                Arguments.of(XEncoding.FLOAT32, 1, 5, 2, List.of(3), 1L << 20, 2),
                Arguments.of(XEncoding.FLOAT32, 4, 200, 33, List.of(28, 28), 50_000L, 64),
                Arguments.of(XEncoding.FLOAT32, 2, 1000, 100, List.of(4, 5, 6), 64L << 20, 333));
    }

    @ParameterizedTest(name = "{0} {1} tasks x {2}/{3} rows, shape {4}, batches <= {5} B")
    @MethodSource("sizes")
    void everyValueAndLabelReadsBackAsWritten(XEncoding encoding, int tasks, int trainRows, int testRows,
                                              List<Integer> shape, long maxBatchBytes, int chunk) throws IOException {
        Path dir = tmp.resolve("set");
        TaskSetFixtures.write(dir, 42, tasks, trainRows, testRows, encoding, shape, maxBatchBytes, chunk, allocator);
        try (TaskSet set = TaskSet.open(dir, allocator)) {
            assertEquals(tasks, set.manifest().taskCount());
            assertEquals(encoding, set.manifest().encoding());
            assertEquals(shape, set.manifest().shape());
            int n = set.manifest().nInputs();
            float[] row = new float[n + 3];
            byte[] bytes = new byte[n];
            for (Split split : Split.values()) {
                TaskSetFile file = set.split(split);
                assertEquals(split, file.manifest().split());
                for (int t = 0; t < tasks; t++) {
                    TaskRows rows = file.task(t);
                    assertEquals(split == Split.TRAIN ? trainRows : testRows, rows.rows());
                    for (int r = 0; r < rows.rows(); r++) {
                        assertEquals(TaskSetFixtures.label(split, t, r), rows.label(r), "label of row " + r);
                        rows.copyRow(r, row, 3);
                        if (encoding == XEncoding.UINT8) {
                            rows.copyRowBytes(r, bytes, 0);
                        }
                        for (int i = 0; i < n; i++) {
                            float expected = encoding == XEncoding.UINT8
                                    ? (TaskSetFixtures.value(42, split, t, r, i) & 0xff) / 255f
                                    : TaskSetFixtures.floatValue(42, split, t, r, i);
                            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(row[3 + i]),
                                    "task " + t + " row " + r + " value " + i);
                            if (encoding == XEncoding.UINT8) {
                                assertEquals(TaskSetFixtures.value(42, split, t, r, i), bytes[i]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void tasksLargerThanTheBatchBoundSpanSeveralBatchesOfOneTaskEach() throws IOException {
        Path dir = tmp.resolve("set");
        // 784 B per row, batches of at most 10 rows: 95 rows = 10 batches, the last one partial
        TaskSetFixtures.write(dir, 1, 3, 95, 5, XEncoding.UINT8, List.of(28, 28), 7840, 13, allocator);
        try (TaskSet set = TaskSet.open(dir, allocator)) {
            assertEquals(30, set.train().batchCount());
            assertEquals(10, set.train().task(2).blockCount());
            assertEquals(3, set.test().batchCount());
        }
    }

    @Test
    void arrowJavasOwnFileReaderReadsOurFilesWithManifestAndTensorExtension() throws IOException {
        Path dir = tmp.resolve("set");
        TaskSetFixtures.write(dir, 7, 3, 40, 10, XEncoding.UINT8, List.of(28, 28), 784 * 16, 9, allocator);
        try (FileChannel ch = FileChannel.open(dir.resolve("train.arrow"), StandardOpenOption.READ);
             ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            String manifestJson = root.getSchema().getCustomMetadata().get(Manifest.METADATA_KEY);
            assertNotNull(manifestJson);
            assertEquals(3, new ObjectMapper().readTree(manifestJson).get("tasks").size());
            Field x = root.getSchema().findField("x");
            assertEquals("arrow.fixed_shape_tensor", x.getMetadata().get("ARROW:extension:name"));
            assertEquals("{\"shape\":[28,28]}", x.getMetadata().get("ARROW:extension:metadata"));
            int seen = 0;
            int expectedTask = 0;
            int rowInTask = 0;
            for (ArrowBlock block : reader.getRecordBlocks()) {
                assertTrue(reader.loadRecordBatch(block));
                IntVector task = (IntVector) root.getVector("task");
                FixedSizeListVector xs = (FixedSizeListVector) root.getVector("x");
                UInt1Vector items = (UInt1Vector) xs.getDataVector();
                IntVector y = (IntVector) root.getVector("y");
                int batchTask = task.get(0);
                if (batchTask != expectedTask) {
                    assertEquals(40, rowInTask, "every row of the previous task came first");
                    expectedTask = batchTask;
                    rowInTask = 0;
                }
                for (int r = 0; r < root.getRowCount(); r++, rowInTask++, seen++) {
                    assertEquals(batchTask, task.get(r), "one task per batch");
                    assertEquals(TaskSetFixtures.label(Split.TRAIN, batchTask, rowInTask), y.get(r));
                    assertEquals(0, xs.getNullCount());
                    for (int i = 0; i < 784; i += 97) {
                        assertEquals(TaskSetFixtures.value(7, Split.TRAIN, batchTask, rowInTask, i),
                                items.get(r * 784 + i));
                    }
                }
            }
            assertEquals(120, seen);
        }
    }

    @Test
    void loadBatchGivesArrowVectorsOverTheMappingThatReleaseIt() throws IOException {
        Path dir = tmp.resolve("set");
        TaskSetFixtures.write(dir, 3, 2, 20, 4, XEncoding.FLOAT32, List.of(5), 1L << 20, 20, allocator);
        try (TaskSet set = TaskSet.open(dir, allocator)) {
            try (VectorSchemaRoot root = set.train().loadBatch(1)) {
                assertEquals(20, root.getRowCount());
                FixedSizeListVector xs = (FixedSizeListVector) root.getVector("x");
                Float4Vector items = (Float4Vector) xs.getDataVector();
                for (int r = 0; r < 20; r++) {
                    assertEquals(1, ((IntVector) root.getVector("task")).get(r));
                    for (int i = 0; i < 5; i++) {
                        assertEquals(TaskSetFixtures.floatValue(3, Split.TRAIN, 1, r, i), items.get(r * 5 + i));
                    }
                }
                for (FieldVector v : root.getFieldVectors()) {
                    assertEquals(0, v.getNullCount());
                }
            }
        }
    }

    @Test
    void readingOneRowOfTheLastTaskMapsOnlyThatTasksBatch() throws IOException {
        Path dir = tmp.resolve("set");
        int tasks = 50;
        TaskSetFixtures.write(dir, 5, tasks, 200, 10, XEncoding.UINT8, List.of(28, 28), 1L << 20, 200, allocator);
        Path train = dir.resolve("train.arrow");
        try (TaskSetFile file = TaskSetFile.open(train, allocator)) {
            assertEquals(0, allocator.getAllocatedMemory(), "opening maps nothing");
            TaskRows last = file.task(tasks - 1);
            float[] row = new float[784];
            last.copyRow(199, row, 0);
            assertEquals(TaskSetFixtures.label(Split.TRAIN, tasks - 1, 199), last.label(199));
            long mapped = allocator.getAllocatedMemory();
            assertTrue(mapped > 0 && mapped < 2 * 200 * 784,
                    "mapped " + mapped + " bytes for one task of a " + file.sizeOnDisk() + "-byte file");
        }
    }
}
