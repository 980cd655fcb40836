package dev.mer.train.network;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean cross-entropy gradients of an {@link Mlp} for several groups of examples at once — GEM's
 * per-task memory gradients at every step. The examples of all groups go through one forward pass
 * and one backward pass of ND4J matrix products (the weights are the same for every group); only
 * the weight gradients, {@code A_groupᵀ · dZ_group}, are taken per group, from row views. A row
 * whose weight is zero (an unwritten memory slot) contributes nothing.
 */
final class GroupGradients {
    private final Linear[] layers;
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final int classes;

    GroupGradients(Mlp net) {
        this.layers = net.layers();
        this.classes = net.outputs();
        this.weights = new INDArray[layers.length];
        this.biases = new INDArray[layers.length];
        for (int l = 0; l < layers.length; l++) {
            weights[l] = Nd4j.createUninitialized(DataType.FLOAT, layers[l].in(), layers[l].out());
            biases[l] = Nd4j.createUninitialized(DataType.FLOAT, 1, layers[l].out());
        }
    }

    /**
     * For each group g (rows {@code [g*rowsPerGroup, (g+1)*rowsPerGroup)} of {@code x}), writes into
     * {@code dst[g]} the gradient of the weighted mean loss {@code Σ w_r·loss_r / Σ w_r} over its rows.
     *
     * @param x examples, {@code groups × rowsPerGroup} rows, c-order
     * @param y their labels
     * @param rowWeight 1 for a real example, 0 for a row to ignore
     * @param dst one parameter-sized array per group
     */
    public void meanGradients(INDArray x, int[] y, float[] rowWeight, int rowsPerGroup, float[][] dst) {
        int n = (int) x.rows();
        int groups = dst.length;
        if (n != groups * rowsPerGroup || y.length < n || rowWeight.length < n) {
            throw new IllegalArgumentException(n + " rows for " + groups + " groups of " + rowsPerGroup);
        }
        float[] v = layers[0].params().values();
        for (int l = 0; l < layers.length; l++) {
            new FloatPointer(weights[l].data().addressPointer()).put(v, layers[l].offset(), layers[l].in() * layers[l].out());
            new FloatPointer(biases[l].data().addressPointer()).put(v, layers[l].biasOffset(), layers[l].out());
        }
        INDArray[] acts = new INDArray[layers.length + 1];
        acts[0] = x;
        for (int l = 0; l < layers.length; l++) {
            INDArray z = acts[l].mmul(weights[l]).addiRowVector(biases[l]);
            acts[l + 1] = l + 1 < layers.length ? Transforms.relu(z, false) : z;
        }
        // dLoss/dLogits of the weighted mean: (softmax − onehot) · w_r / Σ_group w
        INDArray delta = Transforms.softmax(acts[layers.length], false);
        float[] scale = new float[n];
        for (int g = 0; g < groups; g++) {
            float total = 0;
            for (int r = g * rowsPerGroup; r < (g + 1) * rowsPerGroup; r++) {
                total += rowWeight[r];
            }
            for (int r = g * rowsPerGroup; r < (g + 1) * rowsPerGroup; r++) {
                scale[r] = total > 0 ? rowWeight[r] / total : 0f;
            }
        }
        float[] d = new float[n * classes];
        new FloatPointer(delta.data().addressPointer()).get(d, 0, d.length);
        for (int r = 0; r < n; r++) {
            d[r * classes + y[r]] -= 1f;
            for (int j = 0; j < classes; j++) {
                d[r * classes + j] *= scale[r];
            }
        }
        new FloatPointer(delta.data().addressPointer()).put(d, 0, d.length);
        for (int l = layers.length - 1; l >= 0; l--) {
            Linear layer = layers[l];
            INDArray dw = Nd4j.createUninitialized(DataType.FLOAT, layer.in(), layer.out());
            float[] buffer = new float[layer.in() * layer.out()];
            for (int g = 0; g < groups; g++) {
                INDArray a = acts[l].get(NDArrayIndex.interval(g * rowsPerGroup, (g + 1) * rowsPerGroup),
                        NDArrayIndex.all());
                INDArray dz = delta.get(NDArrayIndex.interval(g * rowsPerGroup, (g + 1) * rowsPerGroup),
                        NDArrayIndex.all());
                Nd4j.gemm(a, dz, dw, true, false, 1.0, 0.0);
                new FloatPointer(dw.data().addressPointer()).get(buffer, 0, buffer.length);
                System.arraycopy(buffer, 0, dst[g], layer.offset(), buffer.length);
                INDArray db = dz.sum(0);
                for (int j = 0; j < layer.out(); j++) {
                    dst[g][layer.biasOffset() + j] = db.getFloat(j);
                }
            }
            if (l > 0) {
                delta = delta.mmul(weights[l].transpose()).muli(Transforms.step(acts[l]));
            }
        }
    }
}
