package dev.mer.generate.transform;

import dev.mer.random.TorchGenerator;
import java.util.Arrays;

/**
 * A fixed shuffle of the pixels, as GEM's {@code data/mnist_permutations.py} applies it with
 * {@code x.index_select(1, p)}: output pixel {@code i} is source pixel {@code order[i]}. {@link
 * #draw} is torch's {@code randperm} bit for bit ({@code docs/formats/random-streams.md} §2, §4).
 *
 * @param order a permutation of {@code 0 .. n-1}
 */
public record Permutation(int[] order) {
    public Permutation {
        order = order.clone();
        boolean[] seen = new boolean[order.length];
        for (int v : order) {
            if (v < 0 || v >= order.length || seen[v]) {
                throw new IllegalArgumentException("Not a permutation of 0.." + (order.length - 1) + ": contains " + v
                        + (v >= 0 && v < order.length ? " twice" : ""));
            }
            seen[v] = true;
        }
    }

    /** The permutation that leaves every pixel in place. */
    public static Permutation identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return new Permutation(p);
    }

    /** The next {@code torch.randperm(n)} of {@code generator}. */
    public static Permutation draw(TorchGenerator generator, int n) {
        return new Permutation(generator.randperm(n));
    }

    @Override
    public int[] order() {
        return order.clone();
    }

    /** The number of pixels permuted. */
    public int size() {
        return order.length;
    }

    /** This permutation as a pixel gather. */
    public PixelMap pixelMap() {
        return PixelMap.of(order);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permutation p && Arrays.equals(order, p.order);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(order);
    }

    @Override
    public String toString() {
        return "Permutation[" + order.length + "]";
    }
}
