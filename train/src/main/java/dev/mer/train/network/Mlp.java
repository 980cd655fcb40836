package dev.mer.train.network;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A multilayer perceptron over {@link Linear} layers with ReLU between them and softmax
 * cross-entropy on the output (GEM's {@code MLP} with {@code nn.CrossEntropyLoss}). It computes
 * losses and accumulates gradients into its layers' {@link Parameters}; it does not update them.
 *
 * <p>Single-example passes exploit sparse inputs exactly: a zero input
 * contributes nothing to the first layer's output and its weights get no gradient, so its row is
 * skipped; hidden units that ReLU zeroes are skipped the same way in the next layer. GEM's
 * memories are these passes row after row over {@link SparseRows}; a task's test set goes by blocks
 * of rows, the first layer through their non-zero inputs and the further layers dense over the
 * block, or through ND4J's matrix products when the inputs are dense (see
 * {@link #predict(InputRows, int[])}). Not
 * thread-safe (it owns scratch buffers); {@link #over} gives a twin over other
 * parameters for another thread.
 */
public final class Mlp implements Network {
    private final Linear[] layers;
    private final InputShape shape;
    /** acts[l] is the (dense) input of layer l for l ≥ 1; acts[L] the logits. */
    private final float[][] acts;
    private final float[][] deltas;
    /** The non-zero inputs of each hidden layer (index, value), compacted by the forward pass. */
    private final int[][] actIndex;
    private final float[][] actValue;
    private final int[] actNz;
    /** Scratch for compacting a dense example. */
    private final int[] inIndex;
    private final float[] inValue;
    /** The first layer's inputs of the last forward pass. */
    private int[] firstIndex;
    private float[] firstValue;
    private int firstFrom;
    private int firstNz;
    /** An update's overlapping last vector of coefficients (see {@code Kernels}). */
    private final float[] tail = new float[Kernels.L];

    /** Batched products for {@link #predict}, made on first use. */
    private INDArray[] batchWeights;
    private INDArray[] batchBiases;
    /**
     * Layer outputs of batched predictions, by rows, width and layer, per thread: evaluations on a
     * thread run one network at a time, so the networks of a learner (taskinput's twenty) share them.
     */
    private static final ThreadLocal<java.util.Map<Long, INDArray>> BATCH_BUFFERS =
            ThreadLocal.withInitial(java.util.HashMap::new);
    private float[] logits = new float[0];
    /** Scratch of one vector for the output layer's narrow forward pass (see {@code Kernels}). */
    private final float[] narrow = new float[Kernels.L];

    /** A network over {@code layers}, whose widths must chain, for flat inputs. */
    public Mlp(Linear... layers) {
        this(layers.length == 0 ? null : InputShape.flat(layers[0].in()), layers);
    }

    private Mlp(InputShape shape, Linear... layers) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("An MLP needs at least one layer");
        }
        if (shape.size() != layers[0].in()) {
            throw new IllegalArgumentException("Inputs of shape " + shape + " for a first layer of " + layers[0].in());
        }
        this.shape = shape;
        for (int l = 1; l < layers.length; l++) {
            if (layers[l].params() != layers[0].params()) {
                throw new IllegalArgumentException("Layer " + l + " views another parameter vector than layer 0");
            }
            if (layers[l].in() != layers[l - 1].out()) {
                throw new IllegalArgumentException("Layer " + l + " takes " + layers[l].in() + " inputs but layer "
                        + (l - 1) + " gives " + layers[l - 1].out());
            }
        }
        this.layers = layers.clone();
        this.acts = new float[layers.length + 1][];
        this.deltas = new float[layers.length + 1][];
        this.actIndex = new int[layers.length][];
        this.actValue = new float[layers.length][];
        this.actNz = new int[layers.length];
        for (int l = 0; l < layers.length; l++) {
            acts[l + 1] = new float[layers[l].out()];
            deltas[l + 1] = new float[layers[l].out()];
            if (l > 0) {
                actIndex[l] = new int[layers[l].in()];
                actValue[l] = new float[layers[l].in()];
            }
        }
        this.inIndex = new int[layers[0].in()];
        this.inValue = new float[layers[0].in()];
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

    /** This network for examples of {@code inputShape} (flattened: an MLP sees only their values). */
    public Mlp withShape(InputShape inputShape) {
        return new Mlp(inputShape, layers);
    }

    @Override
    public Mlp over(Parameters parameters) {
        Linear[] ls = new Linear[layers.length];
        for (int l = 0; l < ls.length; l++) {
            ls[l] = new Linear(parameters, layers[l].offset(), layers[l].in(), layers[l].out());
        }
        return new Mlp(shape, ls);
    }

    /** {@link KernelWarmUp} at this network's widths, which select the kernels' paths. */
    @Override
    public void compileAhead() {
        int[] widths = new int[layers.length + 1];
        widths[0] = layers[0].in();
        for (int l = 0; l < layers.length; l++) {
            widths[l + 1] = layers[l].out();
        }
        KernelWarmUp.run(KernelWarmUp.ROUNDS, widths);
    }

    /** GEM's {@code MLP}: an {@code nn.Sequential} of Linear and ReLU, so the Linears are {@code net.0}, {@code net.2}, … */
    @Override
    public java.util.List<NamedTensor> stateDict() {
        java.util.List<NamedTensor> out = new java.util.ArrayList<>();
        for (int l = 0; l < layers.length; l++) {
            out.add(NamedTensor.weight("net." + 2 * l + ".weight", layers[l]));
            out.add(NamedTensor.bias("net." + 2 * l + ".bias", layers[l]));
        }
        return out;
    }

    @Override
    public InputShape inputShape() {
        return shape;
    }

    @Override
    public int classes() {
        return outputs();
    }

    @Override
    public Parameters parameters() {
        return layers[0].params();
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
        forwardFrom(inIndex, inValue, 0, nz);
        return acts[layers.length];
    }

    /** Compacts the example's non-zero inputs into the scratch lists; returns how many. */
    private int gatherInput(float[] x, int offset) {
        int n = layers[0].in();
        int nz = 0;
        for (int i = 0; i < n; i++) {
            float v = x[offset + i];
            if (v != 0f) {
                inIndex[nz] = i;
                inValue[nz] = v;
                nz++;
            }
        }
        return nz;
    }

    /**
     * Forward pass from the first layer's non-zero inputs {@code (idx, val)[from, from + nz)}: every
     * layer walks only its non-zero inputs (ReLU outputs are often exactly zero too), and each
     * hidden layer's output is compacted for the next.
     */
    private void forwardFrom(int[] idx, float[] val, int from, int nz) {
        firstFrom = from;
        firstNz = nz;
        firstIndex = idx;
        firstValue = val;
        for (int l = 0; l < layers.length; l++) {
            Linear layer = layers[l];
            float[] out = acts[l + 1];
            int o = layer.out();
            if (l == 0) {
                Kernels.sparseForward(layer.params().values(), layer.offset(), layer.biasOffset(), idx, val, from, nz,
                        out, o, narrow);
            } else {
                Kernels.sparseForward(layer.params().values(), layer.offset(), layer.biasOffset(), actIndex[l],
                        actValue[l], 0, actNz[l], out, o, narrow);
            }
            if (l + 1 < layers.length) {
                int[] ni = actIndex[l + 1];
                float[] nv = actValue[l + 1];
                int n = 0;
                for (int j = 0; j < o; j++) {
                    float v = out[j];
                    if (v > 0f) {
                        ni[n] = j;
                        nv[n] = v;
                        n++;
                    } else {
                        out[j] = 0f;
                    }
                }
                actNz[l + 1] = n;
            }
        }
    }

    /** The predicted class of one example: the first index of the largest logit, as {@code torch.max}. */
    public int predict(float[] x, int offset) {
        return argmax(forward(x, offset));
    }

    static int argmax(float[] v) {
        return argmax(v, 0, v.length);
    }

    /** The first index (from {@code from}) of the largest of {@code v[from, from + n)}, as {@code torch.max}. */
    static int argmax(float[] v, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (v[from + j] > v[from + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Cross-entropy of one example against label {@code y}; adds {@code scale ×} its gradient to
     * the parameters' gradient ({@code scale = 1/batch} gives a batch mean's gradient). Only the
     * rows of the example's non-zero inputs get a first-layer gradient.
     *
     * @return the example's loss (natural log)
     */
    @Override
    public float lossGradient(float[] x, int offset, int y, float scale) {
        int nz = gatherInput(x, offset);
        forwardFrom(inIndex, inValue, 0, nz);
        return backward(y, scale, parameters().gradient(), false);
    }

    /**
     * After a forward pass, adds {@code scale ×} the gradient of its cross-entropy against label
     * {@code y} to {@code g} (laid out like the parameter vector); returns the loss. With
     * {@code registerRows} the weight gradients of layers at least a vector wide are added by the
     * update kernel, which keeps the deltas in registers and ends each row with an overlapping
     * vector instead of a scalar loop: faster, rounded differently in a row's last lanes, so
     * {@link #lossGradient} keeps the axpy form that the replay learners' results were made with.
     */
    private float backward(int y, float scale, float[] g, boolean registerRows) {
        float loss = outputDelta(y, scale);
        for (int l = layers.length - 1; l >= 0; l--) {
            Linear layer = layers[l];
            float[] w = layer.params().values();
            float[] dout = deltas[l + 1];
            int o = layer.out();
            int b = layer.biasOffset();
            for (int j = 0; j < o; j++) {
                g[b + j] += dout[j];
            }
            int[] idx = l == 0 ? firstIndex : actIndex[l];
            float[] val = l == 0 ? firstValue : actValue[l];
            int from = l == 0 ? firstFrom : 0;
            int n = l == 0 ? firstNz : actNz[l];
            if (l > 0) {
                java.util.Arrays.fill(deltas[l], 0f); // ReLU: gradient only where the output was positive
            }
            if (registerRows && o >= Kernels.L) {
                Kernels.tail(dout, o, tail);
                Kernels.sparseUpdate(g, layer.offset(), idx, val, from, n, dout, tail, 1f, o);
                if (l > 0) {
                    for (int k = from; k < from + n; k++) {
                        deltas[l][idx[k]] = Kernels.dot(w, layer.offset() + idx[k] * o, dout, o);
                    }
                }
                continue;
            }
            for (int k = from; k < from + n; k++) {
                int row = layer.offset() + idx[k] * o;
                Kernels.axpy(val[k], dout, 0, g, row, o);
                if (l > 0) {
                    deltas[l][idx[k]] = Kernels.dot(w, row, dout, o);
                }
            }
        }
        return loss;
    }

    /**
     * GEM's memory gradient, example by example through the sparse single-example passes, each
     * accumulated straight into {@code dst}: no batch copies, and the parameters' own gradient is
     * left alone.
     */
    @Override
    public void meanGradient(SparseRows rows, int from, int n, int[] labels, float[] rowWeight, float[] dst) {
        checkWidth(rows);
        java.util.Arrays.fill(dst, 0f);
        float total = 0;
        for (int r = from; r < from + n; r++) {
            total += rowWeight[r];
        }
        if (total <= 0) {
            return;
        }
        for (int r = from; r < from + n; r++) {
            if (rowWeight[r] != 0) {
                forwardFrom(rows.index(), rows.value(), rows.from(r), rows.count(r));
                backward(labels[r], rowWeight[r] / total, dst, true);
            }
        }
    }

    private void checkWidth(SparseRows rows) {
        if (rows.width() != layers[0].in()) {
            throw new IllegalArgumentException("Rows of " + rows.width() + " inputs for a network of " + layers[0].in());
        }
    }

    /**
     * Sets the output layer's delta to {@code scale ×} the gradient of the cross-entropy with
     * respect to the logits, {@code softmax − onehot(y)}; returns the loss.
     */
    private float outputDelta(int y, float scale) {
        return crossEntropyDelta(acts[layers.length], deltas[layers.length], y, scale);
    }

    /**
     * Writes into {@code d} {@code scale ×} the gradient of the cross-entropy of {@code logits}
     * against label {@code y} with respect to the logits, {@code softmax − onehot(y)}, with one
     * {@code exp} per logit; returns the loss (natural log). The output layer of every network here.
     */
    static float crossEntropyDelta(float[] logits, float[] d, int y, float scale) {
        float max = logits[0];
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int j = 0; j < logits.length; j++) {
            double e = Math.exp(logits[j] - max);
            d[j] = (float) e;
            sum += e;
        }
        float logSum = (float) (Math.log(sum) + max);
        float norm = (float) (scale / sum);
        for (int j = 0; j < logits.length; j++) {
            d[j] *= norm;
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
    @Override
    public float sgdStep(float[] x, int offset, int y, float lr) {
        int nz = gatherInput(x, offset);
        return step(inIndex, inValue, 0, nz, y, lr);
    }

    /** {@link #sgdStep(float[], int, int, float)} on row {@code row} of {@code rows}. */
    @Override
    public float sgdStep(SparseRows rows, int row, int y, float lr) {
        checkWidth(rows);
        return step(rows.index(), rows.value(), rows.from(row), rows.count(row), y, lr);
    }

    private float step(int[] idx0, float[] val0, int from0, int nz0, int y, float lr) {
        forwardFrom(idx0, val0, from0, nz0);
        float loss = outputDelta(y, 1f);
        for (int l = layers.length - 1; l >= 0; l--) {
            Linear layer = layers[l];
            float[] w = layer.params().values();
            float[] dout = deltas[l + 1];
            int o = layer.out();
            int b = layer.biasOffset();
            for (int j = 0; j < o; j++) {
                w[b + j] -= lr * dout[j];
            }
            if (o >= Kernels.L) {
                Kernels.tail(dout, o, tail);
            }
            if (l == 0) {
                Kernels.sparseUpdate(w, layer.offset(), idx0, val0, from0, nz0, dout, tail, -lr, o);
            } else {
                float[] din = deltas[l];
                java.util.Arrays.fill(din, 0f); // ReLU: gradient only where the output was positive
                int[] idx = actIndex[l];
                float[] val = actValue[l];
                for (int k = 0; k < actNz[l]; k++) {
                    int i = idx[k];
                    din[i] = Kernels.dotThenAxpy(w, layer.offset() + i * o, dout, tail, -lr * val[k], o);
                }
            }
        }
        return loss;
    }

    /**
     * GEM's {@code eval_tasks} for this network: one matrix product per layer over all rows (ND4J),
     * the layers' weights copied from the parameter vector at each call, buffers reused across calls.
     */
    @Override
    public void predict(INDArray x, int[] predictions) {
        int n = (int) x.rows();
        if (x.columns() != layers[0].in() || predictions.length < n) {
            throw new IllegalArgumentException(n + " rows of " + x.columns() + " inputs for a network of "
                    + layers[0].in() + " with room for " + predictions.length + " predictions");
        }
        if (batchWeights == null) {
            batchWeights = new INDArray[layers.length];
            batchBiases = new INDArray[layers.length];
            for (int l = 0; l < layers.length; l++) {
                batchWeights[l] = Nd4j.createUninitialized(DataType.FLOAT, layers[l].in(), layers[l].out());
                batchBiases[l] = Nd4j.createUninitialized(DataType.FLOAT, 1, layers[l].out());
            }
        }
        float[] v = parameters().values();
        INDArray h = x;
        for (int l = 0; l < layers.length; l++) {
            Linear layer = layers[l];
            new FloatPointer(batchWeights[l].data().addressPointer()).put(v, layer.offset(), layer.in() * layer.out());
            new FloatPointer(batchBiases[l].data().addressPointer()).put(v, layer.biasOffset(), layer.out());
            INDArray out = batchBuffer(n, layer.out(), l);
            Nd4j.gemm(h, batchWeights[l], out, false, false, 1.0, 0.0);
            out.addiRowVector(batchBiases[l]);
            if (l + 1 < layers.length) {
                Transforms.relu(out, false);
            }
            h = out;
        }
        int classes = outputs();
        int size = n * classes;
        if (logits.length < size) {
            logits = new float[size];
        }
        new FloatPointer(h.data().addressPointer()).get(logits, 0, size);
        for (int r = 0; r < n; r++) {
            predictions[r] = argmax(logits, r * classes, classes);
        }
    }

    /**
     * The largest share of non-zero inputs at which {@link #predict(InputRows, int[])} walks the
     * rows' non-zero inputs instead of multiplying dense matrices: the walk's cost grows with the
     * non-zero inputs while the dense products' does not, and the two were measured to break even
     * near 60% on the paper's network (BENCHMARKS.md, issue 14); 55% keeps a margin below that.
     */
    static final double SPARSE_EVALUATION_MAX_SHARE = 0.55;

    /**
     * GEM's {@code eval_tasks} for this network on inputs that are mostly zeros (MNIST digits: 19%
     * non-zero) through their non-zero inputs; denser inputs through {@link #predict(INDArray, int[])}.
     */
    @Override
    public void predict(InputRows rows, int[] predictions) {
        int n = rows.rows();
        if (rows.width() != layers[0].in() || predictions.length < n) {
            throw new IllegalArgumentException(n + " rows of " + rows.width() + " inputs for a network of "
                    + layers[0].in() + " with room for " + predictions.length + " predictions");
        }
        if (rows.nonZeroShare() > SPARSE_EVALUATION_MAX_SHARE) {
            predict(rows.dense(), predictions);
        } else {
            predictFromNonZeroInputs(rows, predictions);
        }
    }

    /**
     * {@link #predict(InputRows, int[])} through the rows' non-zero inputs whatever their share (for
     * measurements). Rows go by blocks: the first layer walks each row's non-zero inputs (its
     * weight is already input-major: one input's weights are one contiguous row), the block's
     * outputs go through ReLU, and each further layer multiplies the whole block, several rows per
     * row of weights read. Each output is the same chain of fused multiply-adds as in the
     * single-example pass ({@link #predict(float[], int)}), zero inputs of the hidden layers
     * included (each adds a zero): the same predictions.
     */
    public void predictFromNonZeroInputs(InputRows rows, int[] predictions) {
        int n = rows.rows();
        if (rows.width() != layers[0].in() || predictions.length < n) {
            throw new IllegalArgumentException(n + " rows of " + rows.width() + " inputs for a network of "
                    + layers[0].in() + " with room for " + predictions.length + " predictions");
        }
        InputRows.Packed p = rows.packed();
        int[] start = p.start();
        int stride = 1;
        for (Linear layer : layers) {
            stride = Math.max(stride, layer.out());
        }
        if (blockA == null || blockA.length != BLOCK * stride) {
            blockA = new float[BLOCK * stride];
            blockB = new float[BLOCK * stride];
            positions = new int[BLOCK * stride];
            for (int k = 0; k < positions.length; k++) {
                positions[k] = k % stride;
            }
        }
        float[] v = parameters().values();
        Linear first = layers[0];
        for (int r0 = 0; r0 < n; r0 += BLOCK) {
            int b = Math.min(BLOCK, n - r0);
            for (int r = 0; r < b; r++) {
                int from = start[r0 + r];
                Kernels.sparseForward(v, first.offset(), first.biasOffset(), p.index(), p.value(), from,
                        start[r0 + r + 1] - from, blockA, r * stride, first.out(), narrow);
            }
            float[] in = blockA;
            float[] out = blockB;
            for (int l = 1; l < layers.length; l++) {
                relu(in, b * stride);
                Linear layer = layers[l];
                Kernels.denseForward(v, layer.offset(), layer.biasOffset(), in, 0, stride, b, layer.in(), out, 0,
                        layer.out(), positions, narrow);
                float[] t = in;
                in = out;
                out = t;
            }
            int classes = outputs();
            for (int r = 0; r < b; r++) {
                predictions[r0 + r] = argmax(in, r * stride, classes);
            }
        }
    }

    /** Rows per block of {@link #predict(InputRows, int[])}: its layer outputs stay in the first-level cache. */
    private static final int BLOCK = 32;
    /** The blocks' layer outputs (rows of the widest layer's width), alternating, and {@code k % width} at k. */
    private float[] blockA;
    private float[] blockB;
    private int[] positions;

    private static void relu(float[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = Math.max(a[i], 0f);
        }
    }

    private INDArray batchBuffer(int rows, int cols, int layer) {
        long key = ((long) rows << 32) | ((long) cols << 8) | layer;
        return BATCH_BUFFERS.get().computeIfAbsent(key, k -> Nd4j.createUninitialized(DataType.FLOAT, rows, cols));
    }
}
