package dev.mer.train;

import dev.mer.dataset.Manifest;
import dev.mer.dataset.MerVersion;
import dev.mer.dataset.Provenance;
import dev.mer.dataset.Split;
import dev.mer.dataset.SplitWriter;
import dev.mer.dataset.TaskInfo;
import dev.mer.dataset.TaskSetWriter;
import dev.mer.dataset.XEncoding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Small task-sets a network can learn: each class is a random sparse prototype of 64 pixels, each
 * example its class's prototype with pixels dropped and noise added, and each task permutes the
 * pixels differently (a miniature Permuted MNIST).
 */
final class LearnableTaskSets {
    private LearnableTaskSets() {
    }

    static void write(Path dir, int tasks, int trainRows, int testRows, BufferAllocator allocator) throws IOException {
        int n = 64;
        SplittableRandom r = new SplittableRandom(2019);
        byte[][] prototypes = new byte[10][n];
        for (byte[] p : prototypes) {
            for (int i = 0; i < n; i++) {
                p[i] = (byte) (r.nextDouble() < 0.3 ? 128 + r.nextInt(128) : 0);
            }
        }
        int[][] perms = new int[tasks][n];
        List<TaskInfo> infos = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            for (int i = 0; i < n; i++) {
                perms[t][i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int s = perms[t][i];
                perms[t][i] = perms[t][j];
                perms[t][j] = s;
            }
            infos.add(new TaskInfo(t, dev.mer.dataset.TaskKind.PERMUTATION, null, trainRows));
        }
        Provenance p = new Provenance("test", List.of(), List.of(), null, MerVersion.get());
        Manifest train = new Manifest(Manifest.FORMAT_VERSION, Split.TRAIN, List.of(8, 8), 10, XEncoding.UINT8, infos, p);
        long[] testCounts = new long[tasks];
        java.util.Arrays.fill(testCounts, testRows);
        Manifest test = train.forSplit(Split.TEST, testCounts);
        try (TaskSetWriter w = TaskSetWriter.create(dir, train, test, allocator, false)) {
            for (Split split : Split.values()) {
                int rows = split == Split.TRAIN ? trainRows : testRows;
                try (SplitWriter sw = w.split(split)) {
                    for (int t = 0; t < tasks; t++) {
                        byte[] x = new byte[rows * n];
                        int[] y = new int[rows];
                        for (int k = 0; k < rows; k++) {
                            int c = r.nextInt(10);
                            y[k] = c;
                            for (int i = 0; i < n; i++) {
                                int v = prototypes[c][i] & 0xff;
                                if (v != 0 && r.nextDouble() < 0.2) {
                                    v = 0;
                                }
                                if (r.nextDouble() < 0.05) {
                                    v = r.nextInt(256);
                                }
                                x[k * n + perms[t][i]] = (byte) v;
                            }
                        }
                        sw.appendUint8(t, x, 0, y, 0, rows);
                    }
                    sw.finish();
                }
            }
            w.commit();
        }
    }
}
