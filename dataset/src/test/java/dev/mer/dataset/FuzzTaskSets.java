package dev.mer.dataset;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A task-set as one fuzz input: a 4-byte big-endian length, that many bytes of {@code train.arrow},
 * then {@code test.arrow}. One input thus mutates either file, or both, and their agreement.
 */
public final class FuzzTaskSets {
    private FuzzTaskSets() {
    }

    /** Writes the two files of {@code data} into {@code dir}, which exists. */
    public static void unpack(byte[] data, Path dir) throws IOException {
        int declared = data.length < 4 ? 0
                : ((data[0] & 0xff) << 24 | (data[1] & 0xff) << 16 | (data[2] & 0xff) << 8 | (data[3] & 0xff));
        int from = Math.min(4, data.length);
        // Any length the mutator writes splits the rest somewhere: no input is wasted on a bad prefix.
        int trainBytes = (int) Math.floorMod((long) declared, (long) data.length - from + 1);
        Files.write(dir.resolve(Split.TRAIN.fileName()), Arrays.copyOfRange(data, from, from + trainBytes));
        Files.write(dir.resolve(Split.TEST.fileName()), Arrays.copyOfRange(data, from + trainBytes, data.length));
    }

    /** Packs the two files of the task-set in {@code dir} into one input. */
    public static byte[] pack(Path dir) throws IOException {
        byte[] train = Files.readAllBytes(dir.resolve(Split.TRAIN.fileName()));
        byte[] test = Files.readAllBytes(dir.resolve(Split.TEST.fileName()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(train.length);
        d.write(train);
        d.write(test);
        return out.toByteArray();
    }

    /**
     * Writes the seeds: small task-sets of 2 tasks on 4×4 inputs, uint8 and float32, one batch a
     * task and several (usage: {@code FuzzTaskSets OUT_DIR}).
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        try (BufferAllocator allocator = new RootAllocator()) {
            int i = 0;
            for (XEncoding e : XEncoding.values()) {
                for (long maxBatch : new long[] {64L << 20, 16 * 4 * 3}) {
                    Path dir = Files.createTempDirectory("seed").resolve("set");
                    TaskSetFixtures.write(dir, 7 + i, 2, 6, 3, e, List.of(4, 4), maxBatch, 2, allocator);
                    Files.write(out.resolve("seed-" + e.jsonName() + "-" + (maxBatch > 1000 ? "one" : "many")
                            + "-batch"), pack(dir));
                    i++;
                }
            }
        }
    }
}
