package dev.mer.train.network;

/**
 * A fully connected layer {@code y = x W + b} viewing a slice of a {@link Parameters} vector: the
 * weight as an {@code in × out} row-major block (input-major, the transpose of PyTorch's
 * {@code weight}, so that one input's contribution is one contiguous row: sparse inputs skip whole
 * rows), then the {@code out} biases.
 *
 * @param params the vector holding the layer
 * @param offset where the weight block starts
 * @param in input width
 * @param out output width
 */
public record Linear(Parameters params, int offset, int in, int out) {
    public Linear {
        if (in <= 0 || out <= 0 || offset < 0 || offset + (long) in * out + out > params.size()) {
            throw new IllegalArgumentException("Invalid layer " + in + "x" + out + " at " + offset + " in a vector of "
                    + params.size());
        }
    }

    /** Parameters this layer occupies: {@code in*out + out}. */
    public int size() {
        return in * out + out;
    }

    /** Where the biases start. */
    public int biasOffset() {
        return offset + in * out;
    }

    /** Index of weight (input i, output j) in the parameter vector. */
    public int weightIndex(int i, int j) {
        return offset + i * out + j;
    }

    /** Parameters needed by consecutive layers of the given widths. */
    public static int sizeOf(int... widths) {
        int n = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            n += widths[l] * widths[l + 1] + widths[l + 1];
        }
        return n;
    }

    /** Weights uniform in ±{@code weightBound}, biases uniform in ±{@code biasBound} (zero when 0). */
    public void initUniform(java.util.SplittableRandom random, float weightBound, float biasBound) {
        float[] v = params.values();
        for (int k = offset; k < biasOffset(); k++) {
            v[k] = (float) (random.nextDouble() * 2 * weightBound - weightBound);
        }
        for (int k = biasOffset(); k < biasOffset() + out; k++) {
            v[k] = biasBound == 0f ? 0f : (float) (random.nextDouble() * 2 * biasBound - biasBound);
        }
    }

    /**
     * PyTorch's default {@code nn.Linear} initialisation: kaiming_uniform with a = √5, i.e. weights
     * and biases uniform in ±1/√fan_in; {@code zeroBias} then zeroes the biases, as GEM's
     * {@code reset_bias} does.
     */
    public void initTorchDefault(java.util.SplittableRandom random, boolean zeroBias) {
        float bound = (float) (1.0 / Math.sqrt(in));
        initUniform(random, bound, zeroBias ? 0f : bound);
    }
}
