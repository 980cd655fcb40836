package dev.mer.convert.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.convert.Fixtures;
import dev.mer.convert.pickle.PickleWriter;
import dev.mer.convert.pickle.PyOrderedDict;
import dev.mer.convert.pickle.PyTuple;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchSaveTest {
    @TempDir
    Path dir;

    /** Tensors of every supported kind, in nested containers, with plain values around them. */
    static Object zoo() {
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("matrix", TensorData.ofFloats(new float[] {1.5f, -2f, Float.MIN_VALUE, Float.MAX_VALUE, -0f,
                Float.NaN}, 2, 3));
        dict.put("labels", TensorData.ofLongs(new long[] {0, 9, -1, Long.MAX_VALUE}, 4));
        dict.put("scalar", TensorData.scalar(0.1f));
        dict.put("long scalar", TensorData.ofLongs(new long[] {42}));
        dict.put("empty", TensorData.ofFloats(new float[0], 3, 0));
        dict.put("cube", TensorData.ofFloats(new float[24], 2, 3, 4));
        dict.put(7L, PyTuple.of(1.25, "é ü 😀", null, true, BigInteger.TWO.pow(70).negate()));
        List<Object> list = new ArrayList<>();
        list.add(PyTuple.of(PyTuple.of(TensorData.vector(3f, 4f)), new ArrayList<>()));
        list.add(PyOrderedDict.of(Map.of("k", TensorData.vector(5f))));
        dict.put("list", list);
        return PyTuple.of(dict, "tail", -5L, 2.5);
    }

    private static float[] floats(TorchFile f, Tensor t) throws IOException {
        try (FileChannel ch = FileChannel.open(f.path())) {
            ByteBuffer b = ByteBuffer.allocate((int) (t.numel() * 4)).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, f.position(t));
            float[] v = new float[(int) t.numel()];
            b.flip().asFloatBuffer().get(v);
            return v;
        }
    }

    private static long[] longs(TorchFile f, Tensor t) throws IOException {
        try (FileChannel ch = FileChannel.open(f.path())) {
            ByteBuffer b = ByteBuffer.allocate((int) (t.numel() * 8)).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, f.position(t));
            long[] v = new long[(int) t.numel()];
            b.flip().asLongBuffer().get(v);
            return v;
        }
    }

    private static void assertTensor(TorchFile f, Object read, TensorData written) throws IOException {
        Tensor t = assertInstanceOf(Tensor.class, read);
        assertEquals(written.dtype(), t.dtype());
        assertArrayEquals(written.shape(), t.size());
        assertArrayEquals(written.stride(), t.stride());
        assertEquals(0, t.offset());
        assertEquals(written.numel(), t.storage().numel(), "each tensor has a storage of its own, exactly its size");
        if (written.dtype() == DType.FLOAT32) {
            float[] expected = written.floats();
            float[] actual = floats(f, t);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "element " + i);
            }
        } else {
            assertArrayEquals(written.longs(), longs(f, t));
        }
    }

    @Test
    void writesTheBytesTorch113WritesForMainPysResultTuple() throws IOException {
        Path file = dir.resolve("main_result.pt");
        TorchSave.save(MainResult.value(), file);
        byte[] expected = Files.readAllBytes(Fixtures.path("main_result.pt"));
        byte[] actual = Files.readAllBytes(file);
        int mismatch = java.util.Arrays.mismatch(expected, actual);
        assertEquals(-1, mismatch, () -> "first difference at byte " + mismatch + " (torch wrote " + expected.length
                + " bytes, TorchSave " + actual.length + ")");
    }

    @Test
    @SuppressWarnings("unchecked")
    void torchFileReadsBackWhatItWrites() throws IOException {
        Path file = dir.resolve("zoo.pt");
        Object written = zoo();
        TorchSave.save(written, file);
        TorchFile f = TorchFile.read(file);
        assertEquals(TorchFile.Format.ZIP, f.format());
        assertEquals(8, f.storages().size(), "one storage per tensor");

        PyTuple root = assertInstanceOf(PyTuple.class, f.root());
        assertEquals(List.of("tail", -5L, 2.5), root.items().subList(1, 4));
        Map<Object, Object> dict = (Map<Object, Object>) root.get(0);
        Map<Object, Object> wrote = (Map<Object, Object>) ((PyTuple) written).get(0);
        assertEquals(new ArrayList<>(wrote.keySet()), new ArrayList<>(dict.keySet()), "keys in order");
        for (String key : List.of("matrix", "labels", "scalar", "long scalar", "empty", "cube")) {
            assertTensor(f, dict.get(key), (TensorData) wrote.get(key));
        }
        assertEquals(PyTuple.of(1.25, "é ü 😀", null, true, BigInteger.TWO.pow(70).negate()), dict.get(7L));
        List<Object> list = (List<Object>) dict.get("list");
        List<Object> wroteList = (List<Object>) wrote.get("list");
        PyTuple nested = (PyTuple) list.get(0);
        assertTensor(f, ((PyTuple) nested.get(0)).get(0), (TensorData) ((PyTuple) ((PyTuple) wroteList.get(0)).get(0))
                .get(0));
        assertEquals(List.of(), nested.get(1));
        Map<Object, Object> od = (Map<Object, Object>) list.get(1);
        assertTensor(f, od.get("k"), (TensorData) ((PyOrderedDict) wroteList.get(1)).items().get("k"));
    }

    @Test
    void readsBackMainPysResultTupleExceptTheNamespace() throws IOException {
        PyTuple value = MainResult.value();
        Path file = dir.resolve("result.pt");
        // mer's reader refuses argparse.Namespace (a dataset never holds one): leave it out
        TorchSave.save(PyTuple.of(value.items().subList(0, 5).toArray()), file);
        TorchFile f = TorchFile.read(file);
        PyTuple root = (PyTuple) f.root();
        assertTensor(f, root.get(0), (TensorData) value.get(0));
        assertTensor(f, root.get(1), (TensorData) value.get(1));
        Map<?, ?> stateDict = (Map<?, ?>) root.get(2);
        Map<String, TensorData> parameters = MainResult.parameters();
        assertEquals(new ArrayList<>(parameters.keySet()), new ArrayList<>(stateDict.keySet()));
        for (Map.Entry<String, TensorData> p : parameters.entrySet()) {
            assertTensor(f, stateDict.get(p.getKey()), p.getValue());
        }
        List<?> stats = (List<?>) root.get(3);
        assertEquals(3, stats.size());
        for (int i = 0; i < 3; i++) {
            assertTensor(f, stats.get(i), (TensorData) ((List<?>) value.get(3)).get(i));
            assertEquals(0, ((Tensor) stats.get(i)).size().length, "0-d");
        }
        assertEquals(MainResult.ONE_LINER, root.get(4));
    }

    @Test
    void theSameTensorTwiceIsOneTensorAndTwoEqualTensorsAreTwo() throws IOException {
        TensorData t = TensorData.vector(1f, 2f);
        Path file = dir.resolve("shared.pt");
        TorchSave.save(List.of(t, t, TensorData.vector(1f, 2f)), file);
        TorchFile f = TorchFile.read(file);
        List<?> root = (List<?>) f.root();
        assertSame(root.get(0), root.get(1), "a memo reference");
        assertNotSame(((Tensor) root.get(0)).storage(), ((Tensor) root.get(2)).storage());
        assertEquals(2, f.storages().size());
    }

    @Test
    void recordsAreStoredAlignedToSixtyFourBytesInTorchsOrder() throws IOException {
        List<Object> tensors = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tensors.add(TensorData.ofFloats(new float[i + 1], i + 1));
        }
        Path file = dir.resolve("many.pt");
        TorchSave.save(tensors, file);

        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                names.add(e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
                CRC32 crc = new CRC32();
                try (InputStream in = zip.getInputStream(e)) {
                    byte[] bytes = in.readAllBytes();
                    crc.update(bytes);
                    assertEquals(e.getSize(), bytes.length);
                }
                assertEquals(e.getCrc(), crc.getValue(), e.getName());
            }
            assertEquals("3\n", new String(zip.getInputStream(zip.getEntry("many/version")).readAllBytes(),
                    StandardCharsets.US_ASCII));
        }
        // torch 1.x writes the storages in sorted(keys) string order
        assertEquals(List.of("many/data.pkl", "many/data/0", "many/data/1", "many/data/10", "many/data/11",
                "many/data/2", "many/data/3", "many/data/4", "many/data/5", "many/data/6", "many/data/7", "many/data/8",
                "many/data/9", "many/version"), names);
        try (FileChannel ch = FileChannel.open(file)) {
            for (ZipDirectory.Entry e : ZipDirectory.read(ch, file).values()) {
                assertEquals(0, e.dataOffset() % 64, e.name());
            }
        }
    }

    @Test
    void namesTheArchiveAfterTheFileStemAsTorchDoes() {
        assertEquals("a.b.c", TorchSave.archiveName(Path.of("x", "a.b.c.pt")));
        assertEquals("noext", TorchSave.archiveName(Path.of("noext")));
        assertEquals(".hidden", TorchSave.archiveName(Path.of(".hidden.pt")));
        assertEquals("é", TorchSave.archiveName(Path.of("é.pt")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchSave.archiveName(Path.of("dir", ".pt")));
        assertTrue(e.getMessage().contains("invalid file name"), e.getMessage());
    }

    @Test
    void replacesTheFileAtomicallyAndKeepsTheOldOneWhenTheValueCannotBeSaved() throws IOException {
        Path file = dir.resolve("r.pt");
        Files.writeString(file, "old");
        TorchSave.save(List.of(1L), file);
        assertEquals(List.of(1L), TorchFile.read(file).root());
        byte[] good = Files.readAllBytes(file);
        assertThrows(IllegalArgumentException.class, () -> TorchSave.save(List.of(new HashSet<>()), file));
        assertArrayEquals(good, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary left behind");
        }
    }

    @Test
    void aTensorIsOnlyPicklableThroughTorchSave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PickleWriter.dumps(TensorData.scalar(1f)));
        assertTrue(e.getMessage().contains("StorageOf"), e.getMessage());
    }

    @Test
    void tensorDataChecksItsShape() {
        assertThrows(IllegalArgumentException.class, () -> TensorData.ofFloats(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> TensorData.ofFloats(new float[2]));
        assertThrows(IllegalArgumentException.class, () -> TensorData.ofLongs(new long[0], -1));
        assertArrayEquals(new long[] {1, 1}, TensorData.ofFloats(new float[0], 3, 0).stride());
        assertArrayEquals(new long[] {3, 3, 1}, TensorData.ofFloats(new float[6], 2, 1, 3).stride());
        assertArrayEquals(new long[0], TensorData.scalar(2f).shape());
    }
}
