package dev.mer.train.network;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The mean cross-entropy gradient of an {@link Mlp} over many examples at once, with ND4J matrix
 * products: what GEM computes for every past task's memory at every step. The result has the
 * layout of the network's {@link Parameters}.
 */
public final class BatchGradient {
    private final Mlp net;
    private final Linear[] layers;
    private final INDArray[] weights;
    private final INDArray[] biases;

    public BatchGradient(Mlp net) {
        this.net = net;
        this.layers = net.layers();
        this.weights = new INDArray[layers.length];
        this.biases = new INDArray[layers.length];
        for (int l = 0; l < layers.length; l++) {
            weights[l] = Nd4j.createUninitialized(DataType.FLOAT, layers[l].in(), layers[l].out());
            biases[l] = Nd4j.createUninitialized(DataType.FLOAT, 1, layers[l].out());
        }
    }

    /**
     * Writes into {@code dst} (the whole parameter vector's length; entries of other layers are
     * left alone) the gradient of the mean loss of rows {@code x} (n × inputs) with labels {@code y}.
     */
    public void meanGradient(INDArray x, int[] y, float[] dst) {
        int n = (int) x.rows();
        if (n != y.length) {
            throw new IllegalArgumentException(n + " rows but " + y.length + " labels");
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
        INDArray delta = Transforms.softmax(acts[layers.length], true);
        int classes = net.outputs();
        INDArray onehot = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int r = 0; r < n; r++) {
            onehot.putScalar(r, y[r], 1f);
        }
        delta.subi(onehot).divi(n);
        for (int l = layers.length - 1; l >= 0; l--) {
            INDArray dw = acts[l].transpose().mmul(delta);
            INDArray db = delta.sum(0);
            copy(dw, dst, layers[l].offset(), layers[l].in() * layers[l].out());
            copy(db, dst, layers[l].biasOffset(), layers[l].out());
            if (l > 0) {
                delta = delta.mmul(weights[l].transpose()).muli(Transforms.step(acts[l]));
            }
        }
    }

    private static void copy(INDArray a, float[] dst, int offset, int length) {
        INDArray c = a.ordering() == 'c' && a.isView() ? a.dup('c') : a.ordering() == 'c' ? a : a.dup('c');
        new FloatPointer(c.data().addressPointer()).position(c.offset()).get(dst, offset, length);
    }
}
