package dev.mer.train.network;

import java.util.Arrays;

/**
 * Examples kept as their non-zero inputs (index, value), flat, one row per example: what the
 * first layer of a single-example pass reads. MNIST-like rows are mostly zeros, and a zero input
 * adds nothing to the first layer's output nor gets a weight gradient, so a pass that walks only
 * these pairs is exact; compacting a row once when it is stored, rather than scanning all of its
 * inputs at every replay or evaluation, removes a branchy pass from every use.
 *
 * <p>Two layouts behind one reader: {@linkplain #SparseRows(int, int) slots} of room for a whole
 * row each, which can be overwritten (a replay memory, GEM's episodic memory), and
 * {@linkplain #packed(int, int) packed} rows appended back to back, sized by their non-zeros (a
 * task's test set: about a fifth of the dense size for MNIST digits).
 */
public final class SparseRows {
    private final int width;
    private final boolean slots;
    private int[] index;
    private float[] value;
    private final int[] start;
    private final int[] count;
    /** Packed rows appended so far. */
    private int appended;

    /** Room for {@code rows} examples of {@code width} inputs, each row in a slot of its own (writable). */
    public SparseRows(int rows, int width) {
        this(rows, width, true);
        if ((long) rows * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Invalid sparse rows: " + rows + " × " + width);
        }
        this.index = new int[rows * width];
        this.value = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            start[r] = r * width;
        }
    }

    private SparseRows(int rows, int width, boolean slots) {
        if (rows < 0 || width <= 0) {
            throw new IllegalArgumentException("Invalid sparse rows: " + rows + " × " + width);
        }
        this.width = width;
        this.slots = slots;
        this.start = new int[rows];
        this.count = new int[rows];
    }

    /**
     * Room for {@code rows} examples of {@code width} inputs, {@link #append appended} in order
     * and then read; the storage grows with the non-zeros actually appended.
     */
    public static SparseRows packed(int rows, int width) {
        SparseRows r = new SparseRows(rows, width, false);
        int guess = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16L, (long) rows * width / 4));
        r.index = new int[guess];
        r.value = new float[guess];
        return r;
    }

    /** Stores the dense example {@code x[offset .. offset + width)} as row {@code row} (slots only). */
    public void set(int row, float[] x, int offset) {
        if (!slots) {
            throw new IllegalStateException("Packed rows are appended, not set");
        }
        count[row] = compact(x, offset, start[row]);
    }

    /** Appends the dense example {@code x[offset .. offset + width)} as the next row (packed only). */
    public void append(float[] x, int offset) {
        if (slots || appended == start.length) {
            throw new IllegalStateException(slots ? "Slots are set, not appended" : "All " + start.length
                    + " rows are appended");
        }
        int at = appended == 0 ? 0 : start[appended - 1] + count[appended - 1];
        if ((long) at + width > index.length) {
            long grown = Math.min(Integer.MAX_VALUE - 8, Math.max((long) at + width, index.length + (index.length >> 1)));
            if (at + width > grown) {
                throw new IllegalStateException("More than " + (Integer.MAX_VALUE - 8) + " non-zero inputs");
            }
            index = Arrays.copyOf(index, (int) grown);
            value = Arrays.copyOf(value, (int) grown);
        }
        start[appended] = at;
        count[appended] = compact(x, offset, at);
        appended++;
    }

    private int compact(float[] x, int offset, int to) {
        int n = 0;
        for (int i = 0; i < width; i++) {
            float v = x[offset + i];
            if (v != 0f) {
                index[to + n] = i;
                value[to + n] = v;
                n++;
            }
        }
        return n;
    }

    /** Inputs per example. */
    public int width() {
        return width;
    }

    /** The number of rows (slots, or room for packed rows). */
    public int rows() {
        return start.length;
    }

    /** Where row {@code row}'s pairs start in {@link #index()} and {@link #value()}. */
    int from(int row) {
        return start[row];
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
        Arrays.fill(x, offset, offset + width, 0f);
        int from = start[row];
        for (int k = 0; k < count[row]; k++) {
            x[offset + index[from + k]] = value[from + k];
        }
    }
}
