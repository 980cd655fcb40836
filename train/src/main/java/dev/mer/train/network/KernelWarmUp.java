package dev.mer.train.network;

import java.util.SplittableRandom;

/**
 * Runs the MLP's evaluation kernels on made-up weights and rows, so that the JIT compiles them
 * before a run's first evaluation ({@link Mlp#compileAhead}). The Vector API is fast only once C2
 * has compiled the code that uses it: until then every vector operation is an object and a call,
 * and a short run's first two evaluations, each a whole test split, took twenty times as long
 * as the later ones that way (BENCHMARKS.md, issue 14). Here each kernel is called often on
 * little work, which reaches the JIT's thresholds after a small share of that time.
 *
 * <p>The made-up network has the real one's widths, so the kernels take the same paths (which
 * depend on the widths and the rows per block); each row has few non-zero inputs and each further
 * layer reads few of its inputs, which keeps each call short. It only leaves compiled code
 * behind, so it runs once per process for each set of widths (a suite's runs share it).
 */
final class KernelWarmUp {
    /** Calls per kernel: enough for C2 to have compiled them all by the end on the project's 2-core machines. */
    static final int ROUNDS = 2_000;
    /** The widths warmed up in this process. */
    private static final java.util.Set<java.util.List<Integer>> DONE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Rows per made-up block: four, which the block passes take through the same kernels as a real
     * block's rows (two rows at a time for the hidden layers, four for the output layer), at an
     * eighth of a full block's work per call.
     */
    private static final int ROWS = 4;
    /** Non-zero inputs per made-up row. */
    private static final int NON_ZERO = 8;
    /**
     * Inputs each further layer reads: few, as a short call reaches the compile thresholds in less
     * time, but enough that the JIT counts each call's loop as long (it compiles a method after
     * some hundreds of calls once calls and loop iterations together pass its threshold).
     */
    private static final int FEW_INPUTS = 32;

    private KernelWarmUp() {
    }

    /**
     * Calls the kernels of {@link Mlp#predictFromNonZeroInputs} {@code rounds} times each, on a
     * block of made-up rows through a made-up network of {@code widths} (inputs first). The
     * training kernels are left to the training thread, which calls them at every example from
     * the start. Does nothing for widths already warmed up in this process.
     *
     * @return whether it ran: false when these widths were warmed up already
     */
    static boolean run(int rounds, int... widths) {
        if (!DONE.add(java.util.Arrays.stream(widths).boxed().toList())) {
            return false;
        }
        SplittableRandom random = new SplittableRandom(0);
        Mlp net = Mlp.dense(widths);
        net.initXavier(random);
        Linear[] layers = net.layers();
        float[] w = net.parameters().values();
        int stride = 1;
        for (int width : widths) {
            stride = Math.max(stride, width);
        }
        int[] idx = new int[ROWS * NON_ZERO];
        float[] val = new float[ROWS * NON_ZERO];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = (k % NON_ZERO) * (widths[0] / NON_ZERO);
            val[k] = (float) random.nextDouble();
        }
        int[] positions = new int[ROWS * stride];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = k % stride;
        }
        float[] a = new float[ROWS * stride];
        float[] b = new float[ROWS * stride];
        float[] scratch = new float[Kernels.L];
        long sum = 0;
        for (int i = 0; i < rounds; i++) {
            Linear first = layers[0];
            for (int r = 0; r < ROWS; r++) {
                Kernels.sparseForward(w, first.offset(), first.biasOffset(), idx, val, r * NON_ZERO,
                        Math.min(NON_ZERO, first.in()), a, r * stride, first.out(), scratch);
            }
            float[] in = a;
            float[] out = b;
            for (int l = 1; l < layers.length; l++) {
                Linear layer = layers[l];
                Kernels.denseForward(w, layer.offset(), layer.biasOffset(), in, 0, stride, ROWS,
                        Math.min(FEW_INPUTS, layer.in()), out, 0, layer.out(), positions, scratch);
                float[] t = in;
                in = out;
                out = t;
            }
            sum += Mlp.argmax(in, (i % ROWS) * stride, layers[layers.length - 1].out());
        }
        sink = sum;
        return true;
    }

    /** Where the predictions go, so that the JIT cannot drop the calls as dead code. */
    @SuppressWarnings("unused")
    private static volatile long sink;
}
