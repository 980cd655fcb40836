package dev.mer.train.network;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A task's test inputs, decoded once and kept for the many evaluations of a run (and of a suite's
 * runs) in the form the evaluating network asks for: a dense float32 matrix for ND4J's products,
 * or each row's non-zero inputs (index, value), packed one row after the other, for a network
 * whose first layer skips zero inputs. Which form to read is the network's choice
 * ({@link Network#predict(InputRows, int[])}), made from {@link #nonZeroShare()}; only the forms
 * asked for are built. The packed form is made first (the same pass counts the non-zero inputs);
 * building the dense matrix releases it, so that dense data is never held twice (a 10,000-row
 * Fashion-MNIST task is 31 MB either way).
 *
 * <p>Thread-safe: several evaluating threads may read one instance; each form is built once.
 */
public final class InputRows {
    /** Decodes row {@code row} densely into {@code dst[offset .. offset + width)}. */
    @FunctionalInterface
    public interface Source {
        void copyRow(int row, float[] dst, int offset);
    }

    private final int rows;
    private final int width;
    private final Source source;
    private final Supplier<INDArray> denseSource;
    private volatile Packed packed;
    private volatile INDArray dense;
    private double share = Double.NaN;

    /**
     * Each row's non-zero inputs: those of row r are {@code index[start[r] .. start[r + 1])},
     * increasing, with their values beside them in {@code value}.
     */
    record Packed(int[] start, int[] index, float[] value) {
    }

    /**
     * Rows read from {@code source}; {@code dense} makes the dense matrix (it may view the file's
     * memory instead of copying it).
     */
    public InputRows(int rows, int width, Source source, Supplier<INDArray> dense) {
        if (rows < 0 || width <= 0) {
            throw new IllegalArgumentException("Invalid input rows: " + rows + " × " + width);
        }
        this.rows = rows;
        this.width = width;
        this.source = source;
        this.denseSource = dense;
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** Inputs per row. */
    public int width() {
        return width;
    }

    /** The share of the inputs, over all rows, that are not zero (0 when there are no rows). */
    public synchronized double nonZeroShare() {
        if (Double.isNaN(share)) {
            Packed p = pack();
            if (dense == null) {
                packed = p;
            }
        }
        return share;
    }

    /** The rows as one {@code rows × width} float32 matrix. */
    public INDArray dense() {
        INDArray d = dense;
        if (d == null) {
            synchronized (this) {
                d = dense;
                if (d == null) {
                    d = denseSource.get();
                    dense = d;
                    packed = null;
                }
            }
        }
        return d;
    }

    /** The rows as their non-zero inputs. */
    Packed packed() {
        Packed p = packed;
        if (p == null) {
            synchronized (this) {
                p = packed;
                if (p == null) {
                    p = pack();
                    packed = p;
                }
            }
        }
        return p;
    }

    private Packed pack() {
        int[] start = new int[rows + 1];
        int capacity = Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, (long) rows * width / 4));
        int[] index = new int[capacity];
        float[] value = new float[capacity];
        float[] row = new float[width];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            source.copyRow(r, row, 0);
            if (index.length - n < width) {
                long grown = Math.min(Integer.MAX_VALUE - 8, Math.max((long) index.length * 3 / 2, (long) n + width));
                if (grown - n < width) {
                    throw new IllegalStateException("Too many non-zero inputs to pack: " + rows + " × " + width);
                }
                index = java.util.Arrays.copyOf(index, (int) grown);
                value = java.util.Arrays.copyOf(value, (int) grown);
            }
            for (int i = 0; i < width; i++) {
                float v = row[i];
                if (v != 0f) {
                    index[n] = i;
                    value[n] = v;
                    n++;
                }
            }
            start[r + 1] = n;
        }
        share = rows == 0 ? 0 : n / ((double) rows * width);
        return new Packed(start, java.util.Arrays.copyOf(index, n), java.util.Arrays.copyOf(value, n));
    }
}
