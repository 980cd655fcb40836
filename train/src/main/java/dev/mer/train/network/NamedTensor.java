package dev.mer.train.network;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a PyTorch {@code state_dict()}: a name such as {@code net.0.weight}, a shape, and
 * float32 values in PyTorch's row-major layout ({@code nn.Linear}'s weight is {@code [out, in]}).
 *
 * @param name the key
 * @param shape the dimensions
 * @param values {@code product(shape)} values, row-major
 */
public record NamedTensor(String name, long[] shape, float[] values) {
    public NamedTensor {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Invalid shape " + Arrays.toString(shape) + " of " + name);
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for shape " + Arrays.toString(shape));
        }
    }

    /** This tensor under {@code prefix + name}. */
    public NamedTensor prefixed(String prefix) {
        return new NamedTensor(prefix + name, shape, values);
    }

    /** The weight of {@code layer} as {@code nn.Linear} stores it, {@code [out, in]} (mer keeps it input-major). */
    public static NamedTensor weight(String name, Linear layer) {
        float[] v = layer.params().values();
        float[] w = new float[layer.in() * layer.out()];
        for (int i = 0; i < layer.in(); i++) {
            for (int j = 0; j < layer.out(); j++) {
                w[j * layer.in() + i] = v[layer.weightIndex(i, j)];
            }
        }
        return new NamedTensor(name, new long[] {layer.out(), layer.in()}, w);
    }

    /** The bias of {@code layer}, {@code [out]}. */
    public static NamedTensor bias(String name, Linear layer) {
        return new NamedTensor(name, new long[] {layer.out()},
                Arrays.copyOfRange(layer.params().values(), layer.biasOffset(), layer.biasOffset() + layer.out()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t && t.name.equals(name) && Arrays.equals(t.shape, shape)
                && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
