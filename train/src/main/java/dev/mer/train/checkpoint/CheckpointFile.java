package dev.mer.train.checkpoint;

import dev.mer.dataset.AtomicFiles;
import dev.mer.dataset.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The checkpoint file (FORMAT.md, "Checkpoints"): the magic {@code MER-CKPT}, the format version
 * (a 32-bit big-endian integer, {@value #VERSION}), the payload's length (64-bit), the payload (the
 * fields of {@link StateWriter}) and its CRC-32C (32-bit). Written whole or not at all (a temporary
 * name, fsync, rename: {@link AtomicFiles#write}); read whole and checked (magic, version, length,
 * checksum) before any field is believed, so a truncated or corrupt checkpoint is one clear error.
 */
public final class CheckpointFile {
    /** The format version this build writes and reads. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "MER-CKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + Integer.BYTES + Long.BYTES;
    private static final int TRAILER = Integer.BYTES;

    private CheckpointFile() {
    }

    /** What writes a checkpoint's payload. */
    @FunctionalInterface
    public interface Payload {
        /** Writes every field, in order. */
        void writeTo(StateWriter out) throws IOException;
    }

    /** Writes a checkpoint to {@code file}, replacing the previous one atomically and durably. */
    public static void write(Path file, Payload payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        StateWriter w = new StateWriter(bytes);
        payload.writeTo(w);
        w.flush();
        byte[] body = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.write(MAGIC);
            d.writeInt(VERSION);
            d.writeLong(body.length);
            d.write(body);
            d.writeInt((int) crc.getValue());
            d.flush();
        });
    }

    /**
     * Reads and checks {@code file}; its fields are then read in order from the returned reader.
     *
     * @throws NoSuchFileException when there is no checkpoint
     * @throws InvalidInputException when it is not a whole checkpoint of this version
     */
    public static StateReader read(Path file) throws IOException {
        ByteBuffer all;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(file, "not a checkpoint: " + size + " bytes, more than a checkpoint"
                        + " can hold (2 GiB)");
            }
            all = ByteBuffer.allocate((int) size);
            while (all.hasRemaining() && ch.read(all) >= 0) {
                // read the whole file
            }
            all.flip();
        }
        all.order(ByteOrder.BIG_ENDIAN);
        if (all.remaining() < MAGIC.length || !Arrays.equals(Arrays.copyOf(all.array(), MAGIC.length), MAGIC)) {
            throw new InvalidInputException(file, "not a mer checkpoint (it does not start with MER-CKPT)");
        }
        if (all.remaining() < HEADER) {
            throw new InvalidInputException(file, "truncated checkpoint: " + all.remaining() + " bytes, shorter than"
                    + " its header");
        }
        all.position(MAGIC.length);
        int version = all.getInt();
        if (version != VERSION) {
            throw new InvalidInputException(file, "checkpoint format version " + Integer.toUnsignedString(version)
                    + "; this mer reads version " + VERSION + " (resume with the mer that wrote it, or start over)");
        }
        long length = all.getLong();
        long expected = (long) all.remaining() - TRAILER;
        if (length != expected) {
            throw new InvalidInputException(file, length < 0 || length > expected
                    ? "truncated checkpoint: its header announces " + Long.toUnsignedString(length)
                            + " bytes of state, " + Math.max(0, expected) + " are there"
                    : "corrupt checkpoint: " + (expected - length) + " bytes more than its header announces");
        }
        ByteBuffer payload = all.slice(HEADER, (int) length);
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        int stored = all.getInt(HEADER + (int) length);
        if ((int) crc.getValue() != stored) {
            throw new InvalidInputException(file, "corrupt checkpoint: its checksum does not match its content");
        }
        return new StateReader(file, payload);
    }

    /** Reads a checkpoint with {@code fields} and checks that nothing follows them. */
    public static <T> T read(Path file, Fields<T> fields) throws IOException {
        StateReader in = read(file);
        T value = fields.readFrom(in);
        in.end();
        return value;
    }

    /** What reads a checkpoint's fields. */
    @FunctionalInterface
    public interface Fields<T> {
        /** Reads every field, in order. */
        T readFrom(StateReader in) throws IOException;
    }

    /** Deletes {@code file} once its run has finished (its result files written); nothing if absent. */
    public static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
