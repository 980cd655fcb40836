package dev.mer.dataset;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Fuzz target (docs/fuzzing.md): a task-set's two Arrow files, mutated, as {@code mer info} and
 * {@code mer train} read them: open (the schema and the manifest of each split, their agreement),
 * every record batch as Arrow vectors, the first and last row of every task.
 * Seeds: {@code TaskSetFuzzTestInputs/}, made by {@link FuzzTaskSets#main}.
 */
class TaskSetFuzzTest {
    /** Off-heap bytes an input may have Arrow allocate beyond its size; the files themselves are mapped. */
    private static final long ARROW_BASE = 16L << 20;

    @FuzzTest
    void aTaskSetIsReadOrRefusedNamingTheFile(byte[] data) throws Exception {
        Path dir = FuzzInvariant.sandbox("mer-fuzz-taskset");
        try {
            FuzzTaskSets.unpack(data, dir);
            FuzzInvariant.check(data.length, 64, () -> {
                // The limit makes an off-heap allocation the input's sizes ask for fail here, visibly.
                try (BufferAllocator a = new RootAllocator(ARROW_BASE + 64L * data.length);
                     TaskSet set = TaskSet.open(dir, a)) {
                    readEverything(set);
                }
            });
        } finally {
            FuzzInvariant.delete(dir);
        }
    }

    /** What the readers of a task-set touch: every batch, and a row at each end of every task. */
    static void readEverything(TaskSet set) throws Exception {
        Manifest m = set.manifest();
        for (Split split : Split.values()) {
            TaskSetFile f = set.split(split);
            for (int b = 0; b < f.batchCount(); b++) {
                try (VectorSchemaRoot root = f.loadBatch(b)) {
                    root.contentToTSVString().length();
                }
            }
            float[] x = new float[m.nInputs()];
            byte[] bytes = new byte[m.nInputs()];
            for (int t = 0; t < m.tasks().size(); t++) {
                TaskRows rows = f.task(t);
                for (int r : new int[] {0, rows.rows() - 1}) {
                    if (r < 0) {
                        continue;
                    }
                    rows.copyRow(r, x, 0);
                    rows.label(r);
                    if (rows.encoding() == XEncoding.UINT8) {
                        rows.copyRowBytes(r, bytes, 0);
                    }
                }
            }
        }
    }
}
