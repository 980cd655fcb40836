package dev.mer.generate.idx;

import java.util.Arrays;

/**
 * The content of an unsigned-byte IDX file: its dimensions (the first is the item count) and its
 * elements in C order.
 *
 * @param dimensions the dimensions, e.g. {@code [60000, 28, 28]} for images, {@code [60000]} for
 *     labels
 * @param data the elements, {@code product(dimensions)} bytes (not copied: the reader hands over
 *     a fresh array)
 */
public record IdxArray(int[] dimensions, byte[] data) {
    public IdxArray {
        if (dimensions.length == 0) {
            throw new IllegalArgumentException("An IDX array needs at least one dimension");
        }
        long n = 1;
        for (int d : dimensions) {
            if (d < 0) {
                throw new IllegalArgumentException("Invalid IDX dimensions: " + Arrays.toString(dimensions));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("IDX dimensions " + Arrays.toString(dimensions) + " hold " + n
                    + " elements, not " + data.length);
        }
        dimensions = dimensions.clone();
    }

    /** The number of items: the first dimension. */
    public int count() {
        return dimensions[0];
    }

    /** The number of elements of one item: the product of the other dimensions. */
    public int itemSize() {
        int n = 1;
        for (int i = 1; i < dimensions.length; i++) {
            n *= dimensions[i];
        }
        return n;
    }

    @Override
    public int[] dimensions() {
        return dimensions.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxArray a && Arrays.equals(dimensions, a.dimensions) && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dimensions) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dimensions);
    }
}
