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

    /**
     * Copies row {@code row}'s pairs into {@code indices} and {@code values} from {@code at} (a
     * checkpoint keeps a memory so).
     *
     * @return the number of pairs, {@link #count}
     */
    public int copyNonZeros(int row, int[] indices, float[] values, int at) {
        int n = count[row];
        System.arraycopy(index, row * width, indices, at, n);
        System.arraycopy(value, row * width, values, at, n);
        return n;
    }

    /**
     * Sets row {@code row} to the {@code n} pairs at {@code indices[from..]} and
     * {@code values[from..]}, as {@link #copyNonZeros} gave them: indices ascending within the
     * width, values non-zero (what {@link #set} stores).
     *
     * @throws IllegalArgumentException for pairs {@link #set} could not have stored
     */
    public void setNonZeros(int row, int[] indices, float[] values, int from, int n) {
        if (n < 0 || n > width) {
            throw new IllegalArgumentException(n + " non-zero inputs in a row of " + width);
        }
        int previous = -1;
        for (int k = 0; k < n; k++) {
            int i = indices[from + k];
            if (i <= previous || i >= width) {
                throw new IllegalArgumentException("input index " + i + " after " + previous + " (ascending, below "
                        + width + ")");
            }
            if (values[from + k] == 0f) {
                throw new IllegalArgumentException("a zero value stored at input " + i);
            }
            previous = i;
        }
        System.arraycopy(indices, from, index, row * width, n);
        System.arraycopy(values, from, value, row * width, n);
        count[row] = n;
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
