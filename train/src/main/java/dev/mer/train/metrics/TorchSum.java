package dev.mer.train.metrics;

import java.util.Arrays;

/**
 * The float32 sum of a contiguous vector as torch 1.13 computes it on the CPU (its cascade sum,
 * {@code aten/src/ATen/native/cpu/SumKernel.cpp}), bit for bit: the order of the additions decides
 * the last bit of GEM's metrics, and a plain running sum differs from torch's from 4 values on.
 *
 * <p>From {@link #LANES} values on, torch adds whole vectors lane by lane, then the values left over
 * one by one, then the lanes; below, the values one by one. Either way the elements (values or
 * vectors) are summed in four interleaved accumulators (element i into accumulator i mod 4, the
 * elements past the last full group of four into the first), then the accumulators in order; and
 * a long run of groups is summed in chunks of 16 groups, whose sums are added up level by level, so
 * that only partial sums of similar size meet. {@link #LANES} is 8, the width of the AVX2 kernels
 * that Debian's torch 1.13 runs ({@code torch.__config__.show()}: "CPU capability usage: AVX2");
 * checked against that torch for every length up to 129 and some longer ones.
 */
final class TorchSum {
    /** Floats per vector of torch's AVX2 kernels. */
    static final int LANES = 8;
    /** Interleaved accumulators of torch's {@code row_sum} ("ilp_factor"). */
    private static final int ILP = 4;
    /** Levels of partial sums of torch's {@code multi_row_sum}. */
    private static final int LEVELS = 4;

    private TorchSum() {
    }

    /** The sum of {@code v[from, to)}. */
    static float sum(float[] v, int from, int to) {
        int n = to - from;
        if (n < LANES) {
            return rowSum(v, from, n, 1)[0];
        }
        int vectors = n / LANES;
        float[] lanes = rowSum(v, from, vectors, LANES);
        float s = 0f;
        for (int k = from + vectors * LANES; k < to; k++) {
            s += v[k];
        }
        for (float lane : lanes) {
            s += lane;
        }
        return s;
    }

    /**
     * torch's {@code row_sum} of {@code size} elements of {@code width} floats (1: values; LANES:
     * vectors, added lane by lane), element i at {@code v[from + i·width]}: the elements as rows of
     * four, summed by {@link #multiRowSum}, the elements past the last full row added to the first
     * accumulator, then the four accumulators in order.
     */
    private static float[] rowSum(float[] v, int from, int size, int width) {
        int rows = size / ILP;
        float[][] acc = multiRowSum(v, from, rows, width);
        for (int i = rows * ILP; i < size; i++) {
            add(acc[0], v, from + i * width);
        }
        for (int k = 1; k < ILP; k++) {
            add(acc[0], acc[k], 0);
        }
        return acc[0];
    }

    /**
     * torch's {@code multi_row_sum} of four interleaved columns over {@code rows} rows (element
     * {@code (i, k)} is element {@code i·4 + k}): rows are added to level 0 in chunks of
     * {@code 2^power} rows; after each chunk, level j−1 is added into level j and cleared, going up
     * while the row count is a multiple of the next level's span; at the end the rows left over go
     * to level 0 and the levels are added into level 0 in order.
     */
    private static float[][] multiRowSum(float[] v, int from, int rows, int width) {
        int power = Math.max(4, ceilLog2(rows) / LEVELS);
        long step = 1L << power;
        long mask = step - 1;
        float[][][] acc = new float[LEVELS][ILP][width];
        long i = 0;
        while (i + step <= rows) {
            for (long j = 0; j < step; j++, i++) {
                for (int k = 0; k < ILP; k++) {
                    add(acc[0][k], v, from + (int) (i * ILP + k) * width);
                }
            }
            for (int j = 1; j < LEVELS; j++) {
                for (int k = 0; k < ILP; k++) {
                    add(acc[j][k], acc[j - 1][k], 0);
                    Arrays.fill(acc[j - 1][k], 0f);
                }
                if ((i & (mask << (j * power))) != 0) {
                    break;
                }
            }
        }
        for (; i < rows; i++) {
            for (int k = 0; k < ILP; k++) {
                add(acc[0][k], v, from + (int) (i * ILP + k) * width);
            }
        }
        for (int j = 1; j < LEVELS; j++) {
            for (int k = 0; k < ILP; k++) {
                add(acc[0][k], acc[j][k], 0);
            }
        }
        return acc[0];
    }

    /** {@code acc[l] += v[from + l]} for every lane l of {@code acc}. */
    private static void add(float[] acc, float[] v, int from) {
        for (int l = 0; l < acc.length; l++) {
            acc[l] += v[from + l];
        }
    }

    /** torch's {@code CeilLog2}: ⌈log₂ x⌉, and 1 for x ≤ 2. */
    private static int ceilLog2(long x) {
        return x <= 2 ? 1 : 64 - Long.numberOfLeadingZeros(x - 1);
    }
}
