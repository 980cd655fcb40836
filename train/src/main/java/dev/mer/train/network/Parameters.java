package dev.mer.train.network;

import java.util.Arrays;

/**
 * A flat parameter vector and its gradient, shared by the layers that view it. Flat storage makes
 * whole-model operations (SGD, copies, interpolation, dot products) single loops.
 */
public final class Parameters {
    private final float[] values;
    private final float[] gradient;

    /** {@code size} parameters, all zero. */
    public Parameters(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("Invalid parameter count: " + size);
        }
        this.values = new float[size];
        this.gradient = new float[size];
    }

    /** The number of parameters. */
    public int size() {
        return values.length;
    }

    /** The parameter values, in place (layers read and write them directly). */
    public float[] values() {
        return values;
    }

    /** The gradient, in place, accumulated by backward passes. */
    public float[] gradient() {
        return gradient;
    }

    /** Clears the gradient. */
    public void zeroGradient() {
        Arrays.fill(gradient, 0f);
    }

    /** Plain SGD: {@code values -= lr * gradient}, as {@code torch.optim.SGD} without momentum. */
    public void sgdStep(float lr) {
        for (int i = 0; i < values.length; i++) {
            values[i] -= lr * gradient[i];
        }
    }

    /** Clears the gradient of parameters {@code [from, to)}. */
    public void zeroGradient(int from, int to) {
        Arrays.fill(gradient, from, to, 0f);
    }

    /** Plain SGD on parameters {@code [from, to)} only (the others have no gradient). */
    public void sgdStep(float lr, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] -= lr * gradient[i];
        }
    }

    /** Copies {@code values} (of this vector's size) into these values. */
    public void copyFrom(float[] values) {
        if (values.length != this.values.length) {
            throw new IllegalArgumentException(values.length + " values for a vector of " + this.values.length);
        }
        System.arraycopy(values, 0, this.values, 0, values.length);
    }

    /** A new vector holding a copy of these values (and a zero gradient). */
    public Parameters copy() {
        Parameters p = new Parameters(values.length);
        p.copyFrom(values);
        return p;
    }

    /** Copies the values of {@code other} (same size) into these. */
    public void copyFrom(Parameters other) {
        System.arraycopy(other.values, 0, values, 0, values.length);
    }
}
