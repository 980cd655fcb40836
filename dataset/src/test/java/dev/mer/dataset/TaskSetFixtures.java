package dev.mer.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;

/** Synthetic task-sets for tests: rows are a pure function of (seed, split, task, row). */
public final class TaskSetFixtures {
    private TaskSetFixtures() {
    }

    /** A manifest of {@code tasks} rotation tasks of {@code rows} rows each, inputs of {@code shape}. */
    public static Manifest manifest(Split split, int tasks, long rows, XEncoding encoding, List<Integer> shape) {
        List<TaskInfo> t = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            t.add(TaskInfo.rotation(i, 9.0 * i + 0.25, rows));
        }
        Provenance p = new Provenance("test", List.of("--tasks", Integer.toString(tasks)), List.of(), null,
                MerVersion.get());
        return new Manifest(Manifest.FORMAT_VERSION, split, shape, 10, encoding, t, p);
    }

    /** The byte stored at value {@code i} of {@code row} of {@code task}. */
    public static byte value(long seed, Split split, int task, int row, int i) {
        long h = seed * 0x9E3779B97F4A7C15L + split.ordinal() * 0xBF58476D1CE4E5B9L + task * 0x94D049BB133111EBL
                + row * 31L + i;
        return (byte) new SplittableRandom(h).nextInt(256);
    }

    /** The label of {@code row} of {@code task}. */
    public static int label(Split split, int task, int row) {
        return (row * 7 + task * 3 + split.ordinal()) % 10;
    }

    /** The float stored at value {@code i} of {@code row} of {@code task} in float32 fixtures. */
    public static float floatValue(long seed, Split split, int task, int row, int i) {
        return (value(seed, split, task, row, i) & 0xff) / 7.0f - 3.5f;
    }

    /**
     * Writes a task-set with {@code tasks} tasks of {@code trainRows}/{@code testRows} rows to {@code dir},
     * appending in chunks of {@code chunk} rows.
     */
    public static void write(Path dir, long seed, int tasks, int trainRows, int testRows, XEncoding encoding,
                             List<Integer> shape, long maxBatchBytes, int chunk, BufferAllocator allocator)
            throws IOException {
        Manifest train = manifest(Split.TRAIN, tasks, trainRows, encoding, shape);
        Manifest test = manifest(Split.TEST, tasks, testRows, encoding, shape);
        int n = train.nInputs();
        try (TaskSetWriter w = TaskSetWriter.create(dir, train, test, allocator, false, maxBatchBytes)) {
            for (Split split : Split.values()) {
                int rows = split == Split.TRAIN ? trainRows : testRows;
                try (SplitWriter sw = w.split(split)) {
                    for (int t = 0; t < tasks; t++) {
                        for (int from = 0; from < rows; from += chunk) {
                            int k = Math.min(chunk, rows - from);
                            int[] y = new int[k];
                            byte[] xb = encoding == XEncoding.UINT8 ? new byte[k * n] : null;
                            float[] xf = encoding == XEncoding.FLOAT32 ? new float[k * n] : null;
                            for (int r = 0; r < k; r++) {
                                y[r] = label(split, t, from + r);
                                for (int i = 0; i < n; i++) {
                                    if (xb != null) {
                                        xb[r * n + i] = value(seed, split, t, from + r, i);
                                    } else {
                                        xf[r * n + i] = floatValue(seed, split, t, from + r, i);
                                    }
                                }
                            }
                            if (xb != null) {
                                sw.appendUint8(t, xb, 0, y, 0, k);
                            } else {
                                sw.appendFloat32(t, xf, 0, y, 0, k);
                            }
                        }
                    }
                    sw.finish();
                }
            }
            w.commit();
        }
    }
}
