package dev.mer.train.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GEM's MLP when a hidden layer has no unit: {@code --n_hiddens 0} with one hidden layer, or
 * {@code independent}'s {@code int(n_hiddens / n_tasks) = 0}, or {@code taskinput} with
 * {@code --n_hiddens 0}. PyTorch builds such layers (an {@code nn.Linear(784, 0)}), and the
 * reference trains them: every weight matrix is empty, so the logits are the output layer's biases
 * whatever the input, and training moves only them. mer mirrors it with this network, whose
 * parameter vector is those biases (the empty matrices and the hidden layers' empty biases hold
 * nothing), zero at the start as GEM's initialisations leave biases.
 */
public final class BiasOnly implements Network {
    private final InputShape shape;
    private final Parameters params;
    private final float[] delta;

    /** A network of {@code classes} outputs for examples of {@code shape}, its biases zero. */
    public BiasOnly(InputShape shape, int classes) {
        this(shape, new Parameters(classes));
    }

    private BiasOnly(InputShape shape, Parameters params) {
        this.shape = shape;
        this.params = params;
        this.delta = new float[params.size()];
    }

    /**
     * GEM's MLP {@code [inputs, 0, classes]}, which this network is: the empty first layer
     * ({@code net.0}) and the output layer's empty weight and its biases ({@code net.2}).
     */
    @Override
    public java.util.List<NamedTensor> stateDict() {
        return java.util.List.of(
                new NamedTensor("net.0.weight", new long[] {0, shape.size()}, new float[0]),
                new NamedTensor("net.0.bias", new long[] {0}, new float[0]),
                new NamedTensor("net.2.weight", new long[] {params.size(), 0}, new float[0]),
                new NamedTensor("net.2.bias", new long[] {params.size()}, params.values().clone()));
    }

    @Override
    public InputShape inputShape() {
        return shape;
    }

    @Override
    public int classes() {
        return params.size();
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    @Override
    public float lossGradient(float[] x, int offset, int label, float scale) {
        float loss = outputDelta(label, scale);
        float[] g = params.gradient();
        for (int j = 0; j < delta.length; j++) {
            g[j] += delta[j];
        }
        return loss;
    }

    /** The inputs are not read: the logits are the biases. */
    @Override
    public float sgdStep(SparseRows rows, int row, int label, float lr) {
        return sgdStep((float[]) null, 0, label, lr);
    }

    /** As the default, without reading the examples: the loss depends on the label alone. */
    @Override
    public void meanGradient(SparseRows rows, int from, int n, int[] labels, float[] rowWeight, float[] dst) {
        float total = 0;
        for (int r = from; r < from + n; r++) {
            total += rowWeight[r];
        }
        params.zeroGradient();
        for (int r = from; r < from + n; r++) {
            if (total > 0 && rowWeight[r] != 0) {
                lossGradient(null, 0, labels[r], rowWeight[r] / total);
            }
        }
        System.arraycopy(params.gradient(), 0, dst, 0, dst.length);
    }

    /** Every row's prediction is the first index of the largest bias, as {@code torch.max}. */
    @Override
    public void predict(INDArray x, int[] predictions) {
        int n = (int) x.rows();
        if (x.columns() != shape.size() || predictions.length < n) {
            throw new IllegalArgumentException(n + " rows of " + x.columns() + " inputs for a network of "
                    + shape.size() + " with room for " + predictions.length + " predictions");
        }
        int best = Mlp.argmax(params.values());
        for (int r = 0; r < n; r++) {
            predictions[r] = best;
        }
    }

    /** As {@link #predict(INDArray, int[])}, without building the rows' dense matrix it does not read. */
    @Override
    public void predict(InputRows rows, int[] predictions) {
        if (rows.width() != shape.size() || predictions.length < rows.rows()) {
            throw new IllegalArgumentException(rows.rows() + " rows of " + rows.width() + " inputs for a network of "
                    + shape.size() + " with room for " + predictions.length + " predictions");
        }
        java.util.Arrays.fill(predictions, 0, rows.rows(), Mlp.argmax(params.values()));
    }

    @Override
    public BiasOnly over(Parameters parameters) {
        if (parameters.size() != params.size()) {
            throw new IllegalArgumentException(parameters.size() + " parameters for a network of " + params.size());
        }
        return new BiasOnly(shape, parameters);
    }

    /** {@code scale × (softmax − onehot(y))} into {@link #delta}, as {@link Mlp}'s output layer; returns the loss. */
    private float outputDelta(int y, float scale) {
        return Mlp.crossEntropyDelta(params.values(), delta, y, scale);
    }
}
