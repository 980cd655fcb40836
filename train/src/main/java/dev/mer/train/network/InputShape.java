package dev.mer.train.network;

import java.util.List;

/**
 * The shape of one example, as a task-set's manifest records it: {@code [784]} or {@code [28, 28]}
 * for MNIST, {@code [3, 32, 32]} (channels, height, width) for CIFAR. Examples travel flat, row-major.
 *
 * @param dims the dimensions, each at least 1
 */
public record InputShape(List<Integer> dims) {
    public InputShape {
        dims = List.copyOf(dims);
        if (dims.isEmpty()) {
            throw new IllegalArgumentException("An input shape needs at least one dimension");
        }
        long n = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("Invalid input shape " + dims);
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Input shape " + dims + " is too large");
            }
        }
    }

    /** A flat shape of {@code n} inputs. */
    public static InputShape flat(int n) {
        return new InputShape(List.of(n));
    }

    /** The number of values per example. */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return dims.toString();
    }
}
