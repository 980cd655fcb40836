package dev.mer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskSetFileValidationTest {
    @TempDir
    Path tmp;
    BufferAllocator allocator;
    Path dir;
    Path train;

    @BeforeEach
    void writeAValidTaskSet() throws IOException {
        allocator = new RootAllocator();
        dir = tmp.resolve("set");
        TaskSetFixtures.write(dir, 9, 4, 30, 6, XEncoding.UINT8, List.of(28, 28), 784 * 8, 30, allocator);
        train = dir.resolve("train.arrow");
    }

    @AfterEach
    void closeAllocatorChecksForLeaks() {
        allocator.close();
    }

    private InvalidInputException openFails(Path file) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
            try (TaskSetFile f = TaskSetFile.open(file, allocator)) {
                for (int t = 0; t < f.manifest().taskCount(); t++) {
                    f.task(t);
                }
            }
        });
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), "names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void aMissingFileIsNamed() {
        assertTrue(openFails(tmp.resolve("nope.arrow")).getMessage().contains("no such file"));
    }

    @Test
    void aTruncatedFileIsRefusedAtEveryCut() throws IOException {
        byte[] all = Files.readAllBytes(train);
        for (int cut : new int[] {0, 5, 100, all.length / 3, all.length / 2, all.length - 11, all.length - 1}) {
            Path t = tmp.resolve("cut-" + cut + ".arrow");
            Files.write(t, java.util.Arrays.copyOf(all, cut));
            String msg = openFails(t).getMessage();
            assertTrue(msg.contains("Arrow IPC") || msg.contains("truncated"), msg);
        }
    }

    @Test
    void aFileThatIsNotArrowIsRefused() throws IOException {
        Path t = tmp.resolve("text.arrow");
        Files.writeString(t, "this is not an arrow file, just some text that is long enough");
        assertTrue(openFails(t).getMessage().contains("not an Arrow IPC file"));
    }

    @Test
    void aCorruptFooterIsRefused() throws IOException {
        Path t = tmp.resolve("corrupt.arrow");
        byte[] all = Files.readAllBytes(train);
        int footerLength = ByteBuffer.wrap(all, all.length - 10, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        for (int i = all.length - 10 - footerLength; i < all.length - 10; i++) {
            all[i] = (byte) (all[i] ^ 0x5b);
        }
        Files.write(t, all);
        openFails(t);
    }

    /**
     * Issue 16's fuzzing finding: a footer block whose offset is near 2^63 overflowed the bounds
     * check, and the reader allocated the block's 2 GB metadata length (an OutOfMemoryError).
     */
    @Test
    void aFooterBlockOffsetThatOverflowsIsRefusedBeforeAnyAllocation() throws IOException {
        byte[] all = Files.readAllBytes(train);
        org.apache.arrow.vector.ipc.message.ArrowBlock first;
        try (FileChannel ch = FileChannel.open(train, StandardOpenOption.READ);
             org.apache.arrow.vector.ipc.ArrowFileReader r = new org.apache.arrow.vector.ipc.ArrowFileReader(ch, allocator)) {
            first = r.getRecordBlocks().get(0);
        }
        // The footer's Block struct: offset (int64), metadata length (int32), padding, body length (int64).
        ByteBuffer pattern = ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(first.getOffset()).putInt(first.getMetadataLength());
        int at = indexOf(all, pattern.array(), all.length - 10 - footerLength(all));
        ByteBuffer.wrap(all, at, 12).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(Long.MAX_VALUE - 100).putInt(Integer.MAX_VALUE);
        Path t = tmp.resolve("overflow.arrow");
        Files.write(t, all);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertTrue(openFails(t).getMessage().contains("lies outside the file"));
        assertTrue(threads.getCurrentThreadAllocatedBytes() - before < 64 << 20);
    }

    /**
     * Issue 16's fuzzing finding (the training target's): a footer whose schema's child offsets
     * point back up made Arrow's recursive conversion a StackOverflowError.
     */
    @Test
    void aSchemaWhoseChildrenPointBackUpIsRefused() throws IOException {
        byte[] input;
        try (var in = getClass().getResourceAsStream(
                "TaskSetFuzzTestInputs/aTaskSetIsReadOrRefusedNamingTheFile/finding-schema-nesting-cycle")) {
            input = in.readAllBytes();
        }
        Path set = Files.createDirectories(tmp.resolve("cycle"));
        FuzzTaskSets.unpack(input, set);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TaskSet.open(set, allocator).close());
        assertTrue(e.getMessage().contains("its schema nests deeper than 4 or holds more than 64 fields"),
                e.getMessage());
    }

    private static int footerLength(byte[] all) {
        return ByteBuffer.wrap(all, all.length - 10, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void aWrongFooterLengthIsRefused() throws IOException {
        Path t = tmp.resolve("len.arrow");
        byte[] all = Files.readAllBytes(train);
        ByteBuffer.wrap(all, all.length - 10, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(all.length * 2);
        Files.write(t, all);
        assertTrue(openFails(t).getMessage().contains("footer length"));
    }

    @Test
    void anArrowFileWithAnotherSchemaIsRefused() throws IOException {
        Path t = tmp.resolve("other.arrow");
        Schema schema = new Schema(List.of(new Field("a", FieldType.notNullable(new ArrowType.Int(32, true)), null)),
                Map.of());
        writeOneColumnFile(t, schema);
        assertTrue(openFails(t).getMessage().contains("no 'mer.manifest' metadata"));
        Manifest m = TaskSetFixtures.manifest(Split.TRAIN, 1, 3, XEncoding.UINT8, List.of(2));
        Path u = tmp.resolve("wrong-columns.arrow");
        writeOneColumnFile(u, new Schema(schema.getFields(), Map.of(Manifest.METADATA_KEY, m.toJson())));
        assertTrue(openFails(u).getMessage().contains("expected columns (task, x, y)"));
    }

    @Test
    void aManifestThatIsNotJsonIsRefused() throws IOException {
        Path t = tmp.resolve("badjson.arrow");
        Schema schema = new Schema(List.of(new Field("a", FieldType.notNullable(new ArrowType.Int(32, true)), null)),
                Map.of(Manifest.METADATA_KEY, "{not json"));
        writeOneColumnFile(t, schema);
        assertTrue(openFails(t).getMessage().contains("bad task-set manifest"));
    }

    private void writeOneColumnFile(Path file, Schema schema) throws IOException {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
             FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             ArrowFileWriter w = new ArrowFileWriter(root, null, ch)) {
            IntVector a = (IntVector) root.getVector(0);
            a.allocateNew(3);
            for (int i = 0; i < 3; i++) {
                a.set(i, i);
            }
            root.setRowCount(3);
            w.start();
            w.writeBatch();
            w.end();
        }
    }

    @Test
    void splitsFromDifferentTaskSetsAreRefused() throws IOException {
        Path other = tmp.resolve("other");
        TaskSetFixtures.write(other, 9, 5, 30, 6, XEncoding.UINT8, List.of(28, 28), 784 * 8, 30, allocator);
        Files.copy(other.resolve("test.arrow"), dir.resolve("test.arrow"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TaskSet.open(dir, allocator).close());
        assertTrue(e.getMessage().contains("different task-sets"), e.getMessage());
    }

    @Test
    void aDirectoryWithoutSplitsIsRefused() throws IOException {
        Files.delete(dir.resolve("test.arrow"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TaskSet.open(dir, allocator).close());
        assertTrue(e.getMessage().contains("test.arrow: no such file"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> TaskSet.open(tmp.resolve("absent"), allocator).close());
        assertTrue(e.getMessage().contains("no such task-set directory"), e.getMessage());
    }

    @Test
    void theValidFileStillOpens() throws IOException {
        try (TaskSetFile f = TaskSetFile.open(train, allocator)) {
            assertEquals(4, f.manifest().taskCount());
            assertEquals(30, f.task(3).rows());
        }
    }
}
