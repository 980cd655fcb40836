package dev.mer.generate.transform;

import java.util.Arrays;

/**
 * A gather of pixels: output pixel {@code i} takes source pixel {@code source[i]}, or is 0 where
 * {@code source[i]} is {@link #FILL}. Rotations and permutations both come down to one, computed
 * once per task and applied to every image of the task.
 */
public final class PixelMap {
    /** The marker of an output pixel that lies outside the source image: it becomes 0. */
    public static final int FILL = -1;

    private final int[] source;
    /** Boundaries of the runs of consecutive output pixels that are all filled or all gathered. */
    private final int[] runStarts;
    private final boolean[] runFills;

    private PixelMap(int[] source) {
        this.source = source;
        // A rotated image's valid pixels form one segment per row: walking runs instead of testing
        // every pixel keeps the inner loop free of unpredictable branches.
        int runs = 0;
        int[] starts = new int[source.length + 1];
        boolean[] fills = new boolean[source.length + 1];
        for (int i = 0; i < source.length; i++) {
            boolean fill = source[i] == FILL;
            if (i == 0 || fill != fills[runs - 1]) {
                starts[runs] = i;
                fills[runs] = fill;
                runs++;
            }
        }
        starts[runs] = source.length;
        this.runStarts = Arrays.copyOf(starts, runs + 1);
        this.runFills = Arrays.copyOf(fills, runs);
    }

    /**
     * A map over images of {@code source.length} pixels.
     *
     * @throws IllegalArgumentException if an index is neither {@link #FILL} nor a pixel
     */
    public static PixelMap of(int[] source) {
        int[] s = source.clone();
        for (int i = 0; i < s.length; i++) {
            if (s[i] < FILL || s[i] >= s.length) {
                throw new IllegalArgumentException("Invalid source pixel " + s[i] + " for output pixel " + i);
            }
        }
        return new PixelMap(s);
    }

    /** The number of pixels of an image. */
    public int pixels() {
        return source.length;
    }

    /** The source of every output pixel ({@link #FILL} for none). */
    public int[] sources() {
        return source.clone();
    }

    /** Maps one image: {@code out[outOffset + i] = in[inOffset + source[i]]}, or 0. */
    public void apply(byte[] in, int inOffset, byte[] out, int outOffset) {
        int[] s = source;
        for (int k = 0; k < runFills.length; k++) {
            int from = runStarts[k];
            int to = runStarts[k + 1];
            if (runFills[k]) {
                Arrays.fill(out, outOffset + from, outOffset + to, (byte) 0);
            } else {
                for (int i = from; i < to; i++) {
                    out[outOffset + i] = in[inOffset + s[i]];
                }
            }
        }
    }

    /**
     * Maps {@code count} images picked from {@code in} by {@code rows} (all of them, in order, if
     * {@code rows} is null) into consecutive images of {@code out}.
     */
    public void apply(byte[] in, int[] rows, int count, byte[] out) {
        int n = source.length;
        for (int r = 0; r < count; r++) {
            int from = rows == null ? r : rows[r];
            apply(in, from * n, out, r * n);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelMap m && Arrays.equals(source, m.source);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(source);
    }

    @Override
    public String toString() {
        return "PixelMap[" + source.length + " pixels]";
    }
}
