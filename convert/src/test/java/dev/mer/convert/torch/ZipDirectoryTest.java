package dev.mer.convert.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipDirectoryTest {
    @TempDir
    Path tmp;

    /**
     * A one-entry archive written the way miniz writes torch's large records: the local header
     * with zero sizes and an alignment pad in its extra field, the central directory with every
     * 32-bit size and offset saturated and the real values in a ZIP64 extra field, then a ZIP64
     * end record, its locator and a saturated classic end record.
     */
    private static byte[] zip64(String name, byte[] data) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int pad = 13;
        ByteBuffer b = ByteBuffer.allocate(1024 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x04034b50).putShort((short) 0).putShort((short) 0x0808).putShort((short) 0)
                .putInt(0).putInt(0).putInt(0).putInt(0)
                .putShort((short) n.length).putShort((short) (4 + pad)).put(n)
                .putShort((short) 0x4246).putShort((short) pad);
        for (int i = 0; i < pad; i++) {
            b.put((byte) 'Z');
        }
        b.put(data);
        b.putInt(0x08074b50).putInt(0).putInt(data.length).putInt(data.length);
        int cd = b.position();
        b.putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0x0808).putShort((short) 0)
                .putInt(0).putInt(0).putInt(-1).putInt(-1)
                .putShort((short) n.length).putShort((short) 28).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putInt(0).putInt(-1).put(n)
                .putShort((short) 1).putShort((short) 24).putLong(data.length).putLong(data.length).putLong(0);
        int cdSize = b.position() - cd;
        int z = b.position();
        b.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                .putLong(1).putLong(1).putLong(cdSize).putLong(cd);
        b.putInt(0x07064b50).putInt(0).putLong(z).putInt(1);
        b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) -1).putShort((short) -1)
                .putInt(-1).putInt(-1).putShort((short) 0);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    @Test
    void readsZip64SizesAndOffsetsAndFindsTheDataPastThePad() throws IOException {
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        Path f = Files.write(tmp.resolve("a.zip"), zip64("archive/data/0", data));
        try (FileChannel ch = FileChannel.open(f)) {
            Map<String, ZipDirectory.Entry> entries = ZipDirectory.read(ch, f);
            ZipDirectory.Entry e = entries.get("archive/data/0");
            assertEquals(10, e.size());
            assertEquals(10, e.compressedSize());
            assertEquals(0, e.method());
            assertEquals(30 + 14 + 4 + 13, e.dataOffset());
            assertEquals("0123456789", new String(ZipDirectory.readAt(ch, e.dataOffset(), 10, f).array(),
                    StandardCharsets.US_ASCII));
        }
    }

    @Test
    void anEntryReachingPastTheEndIsCorrupt() throws IOException {
        byte[] z = zip64("archive/data/0", new byte[10]);
        // claim 2^40 bytes in the ZIP64 extra's uncompressed and compressed sizes
        ByteBuffer b = ByteBuffer.wrap(z).order(ByteOrder.LITTLE_ENDIAN);
        int extra = 30 + 14 + 4 + 13 + 10 + 16 + 46 + 14 + 4;
        b.putLong(extra, 1L << 40).putLong(extra + 8, 1L << 40);
        Path f = Files.write(tmp.resolve("b.zip"), z);
        try (FileChannel ch = FileChannel.open(f)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ZipDirectory.read(ch, f));
            assertTrue(e.getMessage().contains("runs past the end of the file"), e.getMessage());
        }
    }
}
