package dev.mer.train.continuum;

import dev.mer.dataset.TaskRows;
import dev.mer.train.network.SparseRows;

/** A whole task's rows as the networks read them in bulk: inputs as their non-zeros, labels as ints. */
public final class TaskArrays {
    private TaskArrays() {
    }

    /** The task's inputs, decoded to float32 and kept as their non-zero values, packed. */
    public static SparseRows inputs(TaskRows task) {
        int rows = task.rows();
        int n = task.nInputs();
        SparseRows sparse = SparseRows.packed(rows, n);
        float[] row = new float[n];
        for (int r = 0; r < rows; r++) {
            task.copyRow(r, row, 0);
            sparse.append(row, 0);
        }
        return sparse;
    }

    /** The task's labels. */
    public static int[] labels(TaskRows task) {
        int[] y = new int[task.rows()];
        task.copyLabels(0, y.length, y, 0);
        return y;
    }
}
