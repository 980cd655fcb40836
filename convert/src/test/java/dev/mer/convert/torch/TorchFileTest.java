package dev.mer.convert.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.convert.Fixtures;
import dev.mer.convert.pickle.PyTuple;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TorchFileTest {
    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof PyTuple t ? t.items() : (List<Object>) o;
    }

    private static Tensor tensor(Object root, int split, int task, int element) {
        return (Tensor) list(list(list(root).get(split)).get(task)).get(element);
    }

    @ParameterizedTest
    @CsvSource({"rotations_legacy.pt, LEGACY", "rotations_zip.pt, ZIP", "rotations_v1.pt, LEGACY"})
    void theSharedLabelTensorIsOneStorage(String name, TorchFile.Format format) throws IOException {
        TorchFile f = TorchFile.read(Fixtures.path(name));
        assertEquals(format, f.format());
        int tasks = list(list(f.root()).get(0)).size();
        // one x storage per task and split, one y storage per split
        assertEquals(2 * tasks + 2, f.storages().size());
        Tensor y0 = tensor(f.root(), 0, 0, 2);
        for (int t = 1; t < tasks; t++) {
            assertSame(y0.storage(), tensor(f.root(), 0, t, 2).storage());
        }
        Tensor x = tensor(f.root(), 0, 1, 1);
        assertEquals(DType.FLOAT32, x.dtype());
        assertArrayEquals(new long[] {20, 100}, x.size());
        assertArrayEquals(new long[] {100, 1}, x.stride());
        assertEquals(DType.INT64, y0.dtype());
        assertTrue(x.isContiguous());
    }

    @ParameterizedTest
    @CsvSource({"views_legacy.pt", "views_zip.pt"})
    void viewsKeepTheirStorageOffsets(String name) throws IOException {
        TorchFile f = TorchFile.read(Fixtures.path(name));
        assertEquals(2, f.storages().size(), "one x and one y storage for everything");
        Tensor x2 = tensor(f.root(), 0, 2, 1);
        assertEquals(2 * 20 * 100, x2.offset());
        Tensor yTest1 = tensor(f.root(), 1, 1, 2);
        assertEquals(3 * 20 + 5, yTest1.offset());
        assertEquals(new PyTuple(List.of(4L, 6L)), list(list(list(f.root()).get(0)).get(2)).get(0));
    }

    @Test
    void zipStoragesAreAlignedAndLegacyStoragesFollowTheirCount() throws IOException {
        TorchFile zip = TorchFile.read(Fixtures.path("permutations_zip.pt"));
        for (Storage s : zip.storages()) {
            assertEquals(0, zip.position(s) % 64, s.key());
        }
        TorchFile legacy = TorchFile.read(Fixtures.path("permutations_legacy.pt"));
        try (FileChannel ch = FileChannel.open(legacy.path())) {
            long end = 0;
            for (Storage s : legacy.storages()) {
                ByteBuffer count = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                ch.read(count, legacy.position(s) - 8);
                assertEquals(s.numel(), count.getLong(0));
                end = Math.max(end, legacy.position(s) + s.nbytes());
            }
            assertEquals(ch.size(), end, "the last storage ends the file");
        }
    }

    @Test
    void aStateDictParsesAsAnOrderedDictOfTensors() throws IOException {
        TorchFile f = TorchFile.read(Fixtures.path("state_dict.pt"));
        Map<?, ?> m = (Map<?, ?>) f.root();
        assertEquals(List.of("weight", "bias"), List.copyOf(m.keySet()));
        assertArrayEquals(new long[] {2, 4}, ((Tensor) m.get("weight")).size());
        assertNotEquals(((Tensor) m.get("weight")).storage(), ((Tensor) m.get("bias")).storage());
    }

    @Test
    void dtypesAreKnownByStorageClassAndName() {
        assertEquals(DType.FLOAT32, DType.ofStorageClass("FloatStorage"));
        assertEquals(DType.UINT8, DType.ofStorageClass("ByteStorage"));
        assertEquals(DType.INT64, DType.ofTorchName("int64"));
        assertEquals(null, DType.ofStorageClass("EvilStorage"));
    }
}
