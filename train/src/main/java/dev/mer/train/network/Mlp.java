package dev.mer.train.network;

import java.util.SplittableRandom;

/**
 * A multilayer perceptron over {@link Linear} layers with ReLU between them and softmax
 * cross-entropy on the output (GEM's {@code MLP} with {@code nn.CrossEntropyLoss}). It computes
 * losses and accumulates gradients into its layers' {@link Parameters}; it does not update them.
 *
 * <p>Single-example passes exploit sparse inputs exactly: a zero input contributes nothing to the
 * first layer's output and its weights get no gradient, so its row is skipped. Not thread-safe
 * (it owns scratch buffers); {@link #copyStructure()} gives an independent twin over the same
 * parameters for another thread.
 */
public final class Mlp {
    private final Linear[] layers;
    /** acts[l] is the input of layer l (acts[0] the example); acts[L] the logits. */
    private final float[][] acts;
    private final float[][] deltas;
    private final int[] nonZero;

    /** A network over {@code layers}, whose widths must chain. */
    public Mlp(Linear... layers) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("An MLP needs at least one layer");
        }
        for (int l = 1; l < layers.length; l++) {
            if (layers[l].in() != layers[l - 1].out()) {
                throw new IllegalArgumentException("Layer " + l + " takes " + layers[l].in() + " inputs but layer "
                        + (l - 1) + " gives " + layers[l - 1].out());
            }
        }
        this.layers = layers.clone();
        this.acts = new float[layers.length + 1][];
        this.deltas = new float[layers.length + 1][];
        acts[0] = new float[layers[0].in()];
        for (int l = 0; l < layers.length; l++) {
            acts[l + 1] = new float[layers[l].out()];
            deltas[l + 1] = new float[layers[l].out()];
        }
        this.nonZero = new int[layers[0].in()];
    }

    /**
     * The paper's network: widths {@code [n_inputs, hidden × layers, n_classes]} packed into one
     * new parameter vector, in order.
     */
    public static Mlp dense(int... widths) {
        Parameters p = new Parameters(Linear.sizeOf(widths));
        return over(p, 0, widths);
    }

    /** Consecutive layers of the given widths in {@code p} from {@code offset}. */
    public static Mlp over(Parameters p, int offset, int... widths) {
        Linear[] ls = new Linear[widths.length - 1];
        for (int l = 0; l < ls.length; l++) {
            ls[l] = new Linear(p, offset, widths[l], widths[l + 1]);
            offset += ls[l].size();
        }
        return new Mlp(ls);
    }

    /** A network sharing these layers (and parameters) with its own scratch buffers. */
    public Mlp copyStructure() {
        return new Mlp(layers);
    }

    /** The layers, input first. */
    public Linear[] layers() {
        return layers.clone();
    }

    /** The number of inputs. */
    public int inputs() {
        return layers[0].in();
    }

    /** The number of outputs (classes). */
    public int outputs() {
        return layers[layers.length - 1].out();
    }

    /**
     * GEM's {@code Xavier}: each layer's weights uniform in ±√3·√(2/(fan_in+fan_out)), biases zero.
     * (Drawn from Java's SplittableRandom: the distribution of PyTorch's, not its exact values.)
     */
    public void initXavier(SplittableRandom random) {
        for (Linear layer : layers) {
            float a = (float) (Math.sqrt(3.0) * Math.sqrt(2.0 / (layer.in() + layer.out())));
            layer.initUniform(random, a, 0f);
        }
    }

    /** Forward pass of one example; returns the logits (a scratch buffer, valid until the next call). */
    public float[] forward(float[] x, int offset) {
        int nz = gatherInput(x, offset);
        forwardFrom(nz);
        return acts[layers.length];
    }

    private int gatherInput(float[] x, int offset) {
        float[] a0 = acts[0];
        int nz = 0;
        for (int i = 0; i < a0.length; i++) {
            float v = x[offset + i];
            a0[i] = v;
            if (v != 0f) {
                nonZero[nz++] = i;
            }
        }
        return nz;
    }

    private void forwardFrom(int nz) {
        for (int l = 0; l < layers.length; l++) {
            Linear layer = layers[l];
            float[] w = layer.params().values();
            float[] in = acts[l];
            float[] out = acts[l + 1];
            int o = layer.out();
            System.arraycopy(w, layer.biasOffset(), out, 0, o);
            if (l == 0) {
                for (int k = 0; k < nz; k++) {
                    int i = nonZero[k];
                    Kernels.axpy(in[i], w, layer.offset() + i * o, out, 0, o);
                }
            } else {
                for (int i = 0; i < layer.in(); i++) {
                    float v = in[i];
                    if (v != 0f) { // a ReLU output: often exactly zero
                        Kernels.axpy(v, w, layer.offset() + i * o, out, 0, o);
                    }
                }
            }
            if (l + 1 < layers.length) {
                for (int j = 0; j < o; j++) {
                    if (out[j] < 0f) {
                        out[j] = 0f;
                    }
                }
            }
        }
    }


    /** The predicted class of one example: the first index of the largest logit, as {@code torch.max}. */
    public int predict(float[] x, int offset) {
        return argmax(forward(x, offset));
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Cross-entropy of one example against label {@code y}; adds {@code scale ×} its gradient to
     * the parameters' gradient ({@code scale = 1/batch} gives a batch mean's gradient).
     *
     * @return the example's loss (natural log)
     */
    public float backward(float[] x, int offset, int y, float scale) {
        int nz = gatherInput(x, offset);
        forwardFrom(nz);
        float loss = outputDelta(y, scale);
        for (int l = layers.length - 1; l >= 0; l--) {
            Linear layer = layers[l];
            float[] w = layer.params().values();
            float[] g = layer.params().gradient();
            float[] in = acts[l];
            float[] dout = deltas[l + 1];
            int o = layer.out();
            int b = layer.biasOffset();
            for (int j = 0; j < o; j++) {
                g[b + j] += dout[j];
            }
            float[] din = l > 0 ? deltas[l] : null;
            if (l == 0) {
                for (int k = 0; k < nz; k++) {
                    int i = nonZero[k];
                    Kernels.axpy(in[i], dout, 0, g, layer.offset() + i * o, o);
                }
            } else {
                for (int i = 0; i < layer.in(); i++) {
                    float v = in[i];
                    int row = layer.offset() + i * o;
                    if (v != 0f) {
                        Kernels.axpy(v, dout, 0, g, row, o);
                        din[i] = Kernels.dot(w, row, dout, o); // ReLU: gradient only where the output was positive
                    } else {
                        din[i] = 0f;
                    }
                }
            }
        }
        return loss;
    }

    /**
     * Sets the output layer's delta to {@code scale ×} the gradient of the cross-entropy with
     * respect to the logits, {@code softmax − onehot(y)}; returns the loss.
     */
    private float outputDelta(int y, float scale) {
        float[] logits = acts[layers.length];
        float[] d = deltas[layers.length];
        float max = logits[0];
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int j = 0; j < logits.length; j++) {
            sum += Math.exp(logits[j] - max);
        }
        float logSum = (float) (Math.log(sum) + max);
        for (int j = 0; j < logits.length; j++) {
            d[j] = (float) Math.exp(logits[j] - logSum) * scale;
        }
        d[y] -= scale;
        return logSum - logits[y];
    }


    /**
     * One SGD step on one example, fused: forward, then backward layer by layer updating each
     * layer's weights in place right after its input gradient is taken with the old weights — the
     * same result as computing the whole gradient and then stepping, without a gradient buffer or
     * passes over untouched parameters. A zero input's first-layer row is skipped (its gradient is
     * zero). The step is {@code θ -= lr · ∇(loss)}; scaling the loss by s is {@code lr · s}.
     *
     * @return the example's loss before the step
     */
    public float sgdStep(float[] x, int offset, int y, float lr) {
        int nz = gatherInput(x, offset);
        forwardFrom(nz);
        float loss = outputDelta(y, 1f);
        for (int l = layers.length - 1; l >= 0; l--) {
            Linear layer = layers[l];
            float[] w = layer.params().values();
            float[] in = acts[l];
            float[] dout = deltas[l + 1];
            int o = layer.out();
            int b = layer.biasOffset();
            for (int j = 0; j < o; j++) {
                w[b + j] -= lr * dout[j];
            }
            if (l == 0) {
                for (int k = 0; k < nz; k++) {
                    int i = nonZero[k];
                    Kernels.axpy(-lr * in[i], dout, 0, w, layer.offset() + i * o, o);
                }
            } else {
                float[] din = deltas[l];
                for (int i = 0; i < layer.in(); i++) {
                    float v = in[i];
                    if (v != 0f) {
                        din[i] = Kernels.dotThenAxpy(w, layer.offset() + i * o, dout, -lr * v, o);
                    } else {
                        din[i] = 0f;
                    }
                }
            }
        }
        return loss;
    }
}
