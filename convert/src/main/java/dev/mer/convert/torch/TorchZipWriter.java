package dev.mer.convert.torch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The zip archive of a {@code torch.save} file, written as PyTorch's {@code PyTorchStreamWriter}
 * ({@code caffe2/serialize/inline_container.cc}) has miniz write it: every record stored under
 * {@code <archive>/}, its data starting on a 64-byte boundary thanks to an {@code FB} extra field
 * of {@code Z} bytes in the local header ({@code detail::getPadding}), local headers with zero CRC
 * and sizes followed by a data descriptor (none for an empty record), a central directory, and always a ZIP64 end of central
 * directory record and locator before the classic end record ({@code mz_zip_writer_add_mem_ex_v2},
 * {@code mz_zip_writer_finalize_archive} with {@code MZ_ZIP_FLAG_WRITE_ZIP64}). Records of 4 GiB or
 * more, or starting at 4 GiB or more, get ZIP64 extra fields and 8-byte data-descriptor sizes, and
 * 32-bit fields saturate at 0xFFFFFFFF, as miniz writes them. Byte layout:
 * {@code docs/formats/torch-save.md} §2.3.
 */
final class TorchZipWriter {
    /** {@code kFieldAlignment}. */
    static final int ALIGNMENT = 64;
    private static final long MAX32 = 0xFFFFFFFFL;
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int DATA_DESCRIPTOR = 0x08074b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int END = 0x06054b50;
    /** Bit 11: UTF-8 names. */
    private static final short UTF8 = 0x0800;
    /** Bit 3: sizes and CRC in a data descriptor after the data, which miniz writes for non-empty records only. */
    private static final short DESCRIPTOR = 0x0008;

    /** A record's bytes, written to the archive and added to its CRC. */
    @FunctionalInterface
    interface RecordData {
        void writeTo(OutputStream out, CRC32 crc) throws IOException;
    }

    private record CentralEntry(byte[] name, short flags, long crc, long size, long localHeaderOffset) {
    }

    private final OutputStream out;
    private final String prefix;
    private final List<CentralEntry> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private long cursor;
    private boolean finished;

    /**
     * @param out where the archive goes, from its first byte
     * @param archiveName the top-level folder of every record (torch: the file's stem)
     */
    TorchZipWriter(OutputStream out, String archiveName) {
        if (archiveName.isEmpty()) {
            throw new IllegalArgumentException("a torch archive needs a non-empty name (torch: invalid file name)");
        }
        this.out = out;
        this.prefix = archiveName + "/";
    }

    /** Writes record {@code <archive>/name} of exactly {@code size} bytes. */
    void writeRecord(String name, long size, RecordData data) throws IOException {
        if (finished) {
            throw new IllegalStateException("the archive is finished");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("record " + name + " written twice");
        }
        byte[] fullName = (prefix + name).getBytes(StandardCharsets.UTF_8);
        if (fullName.length > 0xFFFF) {
            throw new IllegalArgumentException("record name longer than 65535 bytes: " + prefix + name);
        }
        long offset = cursor;
        boolean bigSize = size >= MAX32;
        boolean bigOffset = offset >= MAX32;
        int zip64Length = bigSize || bigOffset ? 4 + (bigSize ? 16 : 0) + (bigOffset ? 8 : 0) : 0;
        long start = offset + 30 + fullName.length + 4 + zip64Length;
        int padding = (int) ((ALIGNMENT - start % ALIGNMENT) % ALIGNMENT);
        int extraLength = zip64Length + 4 + padding;
        short flags = size > 0 ? (short) (UTF8 | DESCRIPTOR) : UTF8;

        ByteBuffer h = le(30 + fullName.length + extraLength);
        h.putInt(LOCAL_HEADER).putShort((short) 0).putShort(flags).putShort((short) 0) // version, flags, stored
                .putShort((short) 0).putShort((short) 0) // DOS time and date: zero, as miniz leaves them
                .putInt(0).putInt(0).putInt(0) // CRC and sizes follow in the data descriptor
                .putShort((short) fullName.length).putShort((short) extraLength).put(fullName);
        if (zip64Length > 0) {
            h.putShort((short) 1).putShort((short) (zip64Length - 4));
            if (bigSize) {
                h.putLong(size).putLong(0); // the compressed size is not known yet when miniz writes it
            }
            if (bigOffset) {
                h.putLong(offset);
            }
        }
        h.put((byte) 'F').put((byte) 'B').putShort((short) padding);
        for (int i = 0; i < padding; i++) {
            h.put((byte) 'Z');
        }
        write(h);
        if (cursor % ALIGNMENT != 0) {
            throw new IllegalStateException("record " + name + " is not aligned: " + cursor);
        }

        CRC32 crc = new CRC32();
        CountingStream counted = new CountingStream(out);
        data.writeTo(counted, crc);
        if (counted.count != size) {
            throw new IllegalStateException("record " + name + " was declared " + size + " bytes but "
                    + counted.count + " were written");
        }
        cursor += size;

        if (size > 0) {
            ByteBuffer d = le(zip64Length > 0 ? 24 : 16);
            d.putInt(DATA_DESCRIPTOR).putInt((int) crc.getValue());
            if (zip64Length > 0) {
                d.putLong(size).putLong(size);
            } else {
                d.putInt((int) size).putInt((int) size);
            }
            write(d);
        }
        entries.add(new CentralEntry(fullName, flags, crc.getValue(), size, offset));
    }

    /** Writes a small record held in memory. */
    void writeRecord(String name, byte[] bytes) throws IOException {
        writeRecord(name, bytes.length, (o, crc) -> {
            crc.update(bytes);
            o.write(bytes);
        });
    }

    /** Writes the central directory, the ZIP64 end records and the end record. */
    void finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("the archive is finished");
        }
        finished = true;
        long directoryOffset = cursor;
        for (CentralEntry e : entries) {
            boolean bigSize = e.size >= MAX32;
            boolean bigOffset = e.localHeaderOffset >= MAX32;
            int zip64Length = bigSize || bigOffset ? 4 + (bigSize ? 16 : 0) + (bigOffset ? 8 : 0) : 0;
            ByteBuffer c = le(46 + e.name.length + zip64Length);
            c.putInt(CENTRAL_HEADER).putShort((short) 0).putShort((short) 0) // made by, needed: as miniz
                    .putShort(e.flags).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putInt((int) e.crc).putInt((int) Math.min(e.size, MAX32)).putInt((int) Math.min(e.size, MAX32))
                    .putShort((short) e.name.length).putShort((short) zip64Length).putShort((short) 0) // comment
                    .putShort((short) 0).putShort((short) 0).putInt(0) // disk, internal and external attributes
                    .putInt((int) Math.min(e.localHeaderOffset, MAX32)).put(e.name);
            if (zip64Length > 0) {
                c.putShort((short) 1).putShort((short) (zip64Length - 4));
                if (bigSize) {
                    c.putLong(e.size).putLong(e.size);
                }
                if (bigOffset) {
                    c.putLong(e.localHeaderOffset);
                }
            }
            write(c);
        }
        long directorySize = cursor - directoryOffset;
        if (directorySize >= MAX32) {
            throw new IOException("central directory of " + directorySize + " bytes: too large for miniz's format");
        }
        long zip64End = cursor;
        ByteBuffer z = le(56 + 20);
        z.putInt(ZIP64_END).putLong(44).putShort((short) 0x031E).putShort((short) 0x002D).putInt(0).putInt(0)
                .putLong(entries.size()).putLong(entries.size()).putLong(directorySize).putLong(directoryOffset);
        z.putInt(ZIP64_LOCATOR).putInt(0).putLong(zip64End).putInt(1);
        write(z);
        ByteBuffer end = le(22);
        int count = Math.min(entries.size(), 0xFFFF);
        end.putInt(END).putShort((short) 0).putShort((short) 0).putShort((short) count).putShort((short) count)
                .putInt((int) Math.min(directorySize, MAX32)).putInt((int) Math.min(directoryOffset, MAX32))
                .putShort((short) 0);
        write(end);
        out.flush();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void write(ByteBuffer b) throws IOException {
        if (b.hasRemaining()) {
            throw new IllegalStateException("header buffer not filled: " + b);
        }
        out.write(b.array());
        cursor += b.capacity();
    }

    /** Counts what a record's writer writes, and keeps it from closing the archive's stream. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
