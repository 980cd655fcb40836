package dev.mer.train.network;

/**
 * Examples kept as their non-zero inputs (index, value), flat, one row per example: what the
 * first layer of a single-example pass reads (a replay memory's, GEM's episodic memory's).
 * MNIST-like rows are mostly zeros, and a zero input adds nothing to the first layer's output nor
 * gets a weight gradient, so a pass that walks only
 * these pairs is exact; compacting a row once when it is stored, rather than scanning all of its
 * inputs at every use, removes a branchy pass from every step.
 */
public final class SparseRows {
    private final int width;
    private final int[] index;
    private final float[] value;
    private final int[] count;

    /** Room for {@code rows} examples of {@code width} inputs. */
    public SparseRows(int rows, int width) {
        if (rows < 0 || width <= 0 || (long) rows * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Invalid sparse rows: " + rows + " × " + width);
        }
        this.width = width;
        this.index = new int[rows * width];
        this.value = new float[rows * width];
        this.count = new int[rows];
    }

    /** Stores the dense example {@code x[offset .. offset + width)} as row {@code row}. */
    public void set(int row, float[] x, int offset) {
        int to = row * width;
        int n = 0;
        for (int i = 0; i < width; i++) {
            float v = x[offset + i];
            if (v != 0f) {
                index[to + n] = i;
                value[to + n] = v;
                n++;
            }
        }
        count[row] = n;
    }

    /** Inputs per example. */
    public int width() {
        return width;
    }

    /** Where row {@code row}'s pairs start in {@link #index()} and {@link #value()}. */
    int from(int row) {
        return row * width;
    }

    /** The number of non-zero inputs of row {@code row}. */
    public int count(int row) {
        return count[row];
    }

    int[] index() {
        return index;
    }

    float[] value() {
        return value;
    }

    /** Writes row {@code row} densely into {@code x[offset .. offset + width)}. */
    public void copyRow(int row, float[] x, int offset) {
        java.util.Arrays.fill(x, offset, offset + width, 0f);
        int from = row * width;
        for (int k = 0; k < count[row]; k++) {
            x[offset + index[from + k]] = value[from + k];
        }
    }
}
