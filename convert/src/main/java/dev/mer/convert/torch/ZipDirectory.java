package dev.mer.convert.torch;

import dev.mer.dataset.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The central directory of a zip archive (ZIP64 included), read directly so that every entry's
 * data offset is known and its bytes can be streamed in place. Needed because torch's zip writer
 * (miniz) leaves the local headers' sizes at zero and uses data descriptors, which
 * {@code java.util.zip.ZipInputStream} rejects for stored entries.
 *
 * <p>Format: PKWARE APPNOTE.TXT §4.3 (end of central directory, ZIP64 locator and record,
 * central directory headers, ZIP64 extra field 0x0001); torch specifics in
 * {@code docs/formats/torch-save.md} §2.3–§2.4.
 */
final class ZipDirectory {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final long MAX_CENTRAL_DIRECTORY = 64L << 20;

    /**
     * One entry.
     *
     * @param name its name
     * @param method 0 stored, 8 deflated
     * @param size its uncompressed size
     * @param compressedSize its size in the archive
     * @param dataOffset where its data start in the file
     */
    record Entry(String name, int method, long size, long compressedSize, long dataOffset) {
    }

    private ZipDirectory() {
    }

    /** Reads every entry's name, sizes and data offset, in directory order. */
    static Map<String, Entry> read(FileChannel ch, Path file) throws IOException {
        long fileSize = ch.size();
        int tail = (int) Math.min(fileSize, 22 + 65535);
        ByteBuffer end = readAt(ch, fileSize - tail, tail, file);
        int eocd = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (end.getInt(i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw corrupt(file, "no end of central directory record (truncated or not a zip)");
        }
        long eocdPosition = fileSize - tail + eocd;
        long entries = end.getShort(eocd + 10) & 0xFFFF;
        long cdSize = end.getInt(eocd + 12) & 0xFFFFFFFFL;
        long cdOffset = end.getInt(eocd + 16) & 0xFFFFFFFFL;
        if (eocdPosition >= 20) {
            ByteBuffer loc = readAt(ch, eocdPosition - 20, 20, file);
            if (loc.getInt(0) == ZIP64_LOCATOR) {
                long z = loc.getLong(8);
                if (z < 0 || z + 56 > fileSize) {
                    throw corrupt(file, "ZIP64 end of central directory at " + z + " lies outside the file");
                }
                ByteBuffer r = readAt(ch, z, 56, file);
                if (r.getInt(0) != ZIP64_EOCD) {
                    throw corrupt(file, "bad ZIP64 end of central directory signature");
                }
                entries = r.getLong(32);
                cdSize = r.getLong(40);
                cdOffset = r.getLong(48);
            }
        }
        if (cdOffset < 0 || cdSize < 0 || cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > fileSize
                || entries < 0 || entries > cdSize / 46) {
            throw corrupt(file, "central directory (" + entries + " entries, " + cdSize + " bytes at " + cdOffset
                    + ") does not fit the file of " + fileSize + " bytes");
        }
        ByteBuffer cd = readAt(ch, cdOffset, (int) cdSize, file);
        Map<String, Entry> result = new LinkedHashMap<>();
        int p = 0;
        for (long i = 0; i < entries; i++) {
            if (p + 46 > cd.limit() || cd.getInt(p) != CENTRAL) {
                throw corrupt(file, "bad central directory header for entry " + i);
            }
            int method = cd.getShort(p + 10) & 0xFFFF;
            long compressed = cd.getInt(p + 20) & 0xFFFFFFFFL;
            long size = cd.getInt(p + 24) & 0xFFFFFFFFL;
            int nameLength = cd.getShort(p + 28) & 0xFFFF;
            int extraLength = cd.getShort(p + 30) & 0xFFFF;
            int commentLength = cd.getShort(p + 32) & 0xFFFF;
            long localOffset = cd.getInt(p + 42) & 0xFFFFFFFFL;
            if (p + 46 + nameLength + extraLength + commentLength > cd.limit()) {
                throw corrupt(file, "central directory entry " + i + " runs past the directory");
            }
            byte[] nameBytes = new byte[nameLength];
            cd.get(p + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            int x = p + 46 + nameLength;
            int xEnd = x + extraLength;
            while (x + 4 <= xEnd) {
                int id = cd.getShort(x) & 0xFFFF;
                int len = cd.getShort(x + 2) & 0xFFFF;
                int q = x + 4;
                if (q + len > xEnd) {
                    throw corrupt(file, "bad extra field in entry " + name);
                }
                if (id == 0x0001) {
                    // Only the fields whose 32-bit value is saturated are present, in this order.
                    if (size == 0xFFFFFFFFL && q + 8 <= x + 4 + len) {
                        size = cd.getLong(q);
                        q += 8;
                    }
                    if (compressed == 0xFFFFFFFFL && q + 8 <= x + 4 + len) {
                        compressed = cd.getLong(q);
                        q += 8;
                    }
                    if (localOffset == 0xFFFFFFFFL && q + 8 <= x + 4 + len) {
                        localOffset = cd.getLong(q);
                    }
                }
                x += 4 + len;
            }
            if (localOffset < 0 || localOffset + 30 > fileSize || size < 0 || compressed < 0) {
                throw corrupt(file, "entry " + name + " has its local header outside the file");
            }
            ByteBuffer local = readAt(ch, localOffset, 30, file);
            if (local.getInt(0) != LOCAL) {
                throw corrupt(file, "bad local header signature for entry " + name);
            }
            long dataOffset = localOffset + 30 + (local.getShort(26) & 0xFFFF) + (local.getShort(28) & 0xFFFF);
            if (dataOffset + compressed > fileSize) {
                throw corrupt(file, "entry " + name + " (" + compressed + " bytes at " + dataOffset
                        + ") runs past the end of the file (" + fileSize + " bytes; truncated?)");
            }
            result.put(name, new Entry(name, method, size, compressed, dataOffset));
            p = xEnd + commentLength;
        }
        return result;
    }

    private static InvalidInputException corrupt(Path file, String problem) {
        return new InvalidInputException(file, "corrupt zip: " + problem);
    }

    /** Reads exactly {@code n} bytes at {@code position}, little-endian. */
    static ByteBuffer readAt(FileChannel ch, long position, int n, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new InvalidInputException(file, "unexpected end of file at byte " + (position + b.position())
                        + " (truncated?)");
            }
        }
        return b.flip();
    }
}
