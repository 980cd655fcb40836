package dev.mer.random;

/**
 * PyTorch's CPU random generator after {@code torch.manual_seed(seed)}: MT19937 seeded with
 * {@code init_genrand}, identical to C++ {@code std::mt19937(seed & 0xffffffff)}.
 *
 * <p>Sources: ATen {@code aten/src/ATen/core/MT19937RNGEngine.h} (torch 1.x/2.x; TH's
 * {@code THRandom.c} in 0.3/0.4 is the same generator) and {@code randperm_cpu} in
 * {@code aten/src/ATen/native/TensorFactories.cpp}; bit-exact against torch 1.13, see
 * {@code docs/formats/random-streams.md} §2. Not thread-safe.
 */
public final class TorchGenerator {
    private final Mt19937 mt;

    /** The generator {@code torch.manual_seed(seed)} makes; only the low 32 bits of the seed count. */
    public TorchGenerator(long seed) {
        this.mt = Mt19937.initGenrand((int) seed);
    }

    /** The next tempered 32-bit output, as torch's {@code random()}; read it as unsigned. */
    public int nextInt() {
        return mt.nextInt();
    }

    /**
     * {@code torch.randperm(n)} on CPU: a forward Fisher–Yates shuffle drawing {@code next % (n-i)}
     * for {@code i = 0 .. n-2}, so it consumes exactly {@code n-1} outputs. Torch switches to
     * another algorithm above {@code 2^32/20} elements, far beyond any image set.
     */
    public int[] randperm(int n) {
        if (n < 0 || n >= (int) (0xffffffffL / 20)) {
            throw new IllegalArgumentException("Unsupported randperm size: " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = 0; i < n - 1; i++) {
            int z = (int) ((mt.nextInt() & 0xffffffffL) % (n - i));
            int t = p[i];
            p[i] = p[i + z];
            p[i + z] = t;
        }
        return p;
    }

    /** The stream's exact position (as torch's {@code get_rng_state()}). */
    public Mt19937.State state() {
        return mt.state();
    }

    /** Moves the stream to {@code s}, taken from a stream of the same kind: the draws continue from there. */
    public void restore(Mt19937.State s) {
        mt.restore(s);
    }
}
