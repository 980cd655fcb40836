package dev.mer.train.continuum;

import dev.mer.dataset.TaskRows;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A whole task's inputs as one {@code rows × nInputs} float32 ND4J matrix, without per-row objects.
 * A float32 task stored in one record batch is <em>wrapped in place</em>: the matrix views the
 * memory-mapped file through {@link TaskRows#inputsInPlace()} (read-only memory: {@code dup()}
 * before any in-place operation; evaluation only multiplies it), valid while the file is open.
 * Otherwise (uint8, or several batches) the task is decoded in a single copy.
 */
public final class TaskArrays {
    private TaskArrays() {
    }

    /** Whether {@link #inputs(TaskRows)} wraps this task's mapped memory instead of copying it. */
    public static boolean wrapsInPlace(TaskRows task) {
        return task.inputsInPlace().isPresent();
    }

    /** The task's inputs as a {@code rows × nInputs} float32 matrix (see the class comment on sharing). */
    public static INDArray inputs(TaskRows task) {
        long rows = task.rows();
        int n = task.nInputs();
        Optional<ByteBuffer> mapped = task.inputsInPlace();
        if (mapped.isPresent()) {
            // JavaCPP takes a direct buffer's address as it is, and Nd4j.createBuffer(Pointer, ...)
            // adopts that address; its ByteBuffer overloads would copy.
            FloatPointer view = new FloatPointer(mapped.get().asFloatBuffer());
            DataBuffer buffer = Nd4j.createBuffer(view, rows * n, DataType.FLOAT);
            return Nd4j.create(buffer, new long[] {rows, n}, new long[] {n, 1}, 0, 'c', DataType.FLOAT);
        }
        INDArray matrix = Nd4j.createUninitialized(DataType.FLOAT, rows, n);
        FloatPointer target = new FloatPointer(matrix.data().addressPointer());
        float[] row = new float[n];
        for (int r = 0; r < rows; r++) {
            task.copyRow(r, row, 0);
            target.position((long) r * n).put(row, 0, n);
        }
        return matrix;
    }

    /** The task's labels. */
    public static int[] labels(TaskRows task) {
        int[] y = new int[task.rows()];
        task.copyLabels(0, y.length, y, 0);
        return y;
    }
}
