package dev.mer.train;

import dev.mer.dataset.TaskSetFile;
import dev.mer.train.continuum.TaskArrays;
import dev.mer.train.learner.Learner;
import dev.mer.train.network.Linear;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * GEM's {@code eval_tasks}: the accuracy of the learner's network for each task on that task's
 * whole test set, one matrix product per layer per task (ND4J), with buffers reused across
 * evaluations. Unlike the reference, which evaluates rows {@code [0, N-1)} and divides by N, every
 * one of the N rows counts.
 */
public final class Evaluator {
    private final INDArray[] inputs;
    private final int[][] labels;
    private final Map<Linear, INDArray[]> weights = new HashMap<>();
    private final Map<Long, INDArray> buffers = new HashMap<>();
    private float[] logits = new float[0];

    /** Loads every task's test rows once (float32, decoded from the task-set). */
    public Evaluator(TaskSetFile test) throws IOException {
        int tasks = test.manifest().taskCount();
        this.inputs = new INDArray[tasks];
        this.labels = new int[tasks][];
        for (int t = 0; t < tasks; t++) {
            inputs[t] = TaskArrays.inputs(test.task(t));
            labels[t] = TaskArrays.labels(test.task(t));
        }
    }

    /** The number of test rows over all tasks. */
    public long rows() {
        long n = 0;
        for (int[] y : labels) {
            n += y.length;
        }
        return n;
    }

    /** Accuracy on each task's test set, {@code correct / N} as float32 like GEM's result tensor. */
    public float[] evaluate(Learner learner) {
        return evaluate(Snapshot.of(learner, inputs.length));
    }

    /** As {@link #evaluate(Learner)}, on frozen weights; not to be called from two threads at once. */
    float[] evaluate(Snapshot snapshot) {
        float[] acc = new float[inputs.length];
        Map<Linear, Boolean> refreshed = new HashMap<>();
        for (int t = 0; t < inputs.length; t++) {
            int n = labels[t].length;
            if (n == 0) {
                acc[t] = Float.NaN;
                continue;
            }
            Linear[] layers = snapshot.layers(t);
            INDArray h = inputs[t];
            for (int l = 0; l < layers.length; l++) {
                INDArray[] wb = weights(layers[l], snapshot.values(layers[l]), refreshed);
                INDArray out = buffer(n, layers[l].out(), l);
                Nd4j.gemm(h, wb[0], out, false, false, 1.0, 0.0);
                out.addiRowVector(wb[1]);
                if (l + 1 < layers.length) {
                    Transforms.relu(out, false);
                }
                h = out;
            }
            acc[t] = (float) (correct(h, labels[t]) / (double) n);
        }
        return acc;
    }

    private int correct(INDArray out, int[] y) {
        int classes = (int) out.columns();
        int size = y.length * classes;
        if (logits.length < size) {
            logits = new float[size];
        }
        new FloatPointer(out.data().addressPointer()).get(logits, 0, size);
        int correct = 0;
        for (int r = 0; r < y.length; r++) {
            int base = r * classes;
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (logits[base + j] > logits[base + best]) {
                    best = j;
                }
            }
            if (best == y[r]) {
                correct++;
            }
        }
        return correct;
    }

    private INDArray buffer(int rows, int cols, int layer) {
        long key = ((long) rows << 32) | ((long) cols << 8) | layer;
        return buffers.computeIfAbsent(key, k -> Nd4j.createUninitialized(DataType.FLOAT, rows, cols));
    }

    /** The layer's weight (in × out) and bias (1 × out) as ND4J arrays, copied from the live parameters once per evaluation. */
    private INDArray[] weights(Linear layer, float[] v, Map<Linear, Boolean> refreshed) {
        INDArray[] wb = weights.computeIfAbsent(layer, k -> new INDArray[] {
            Nd4j.createUninitialized(DataType.FLOAT, k.in(), k.out()),
            Nd4j.createUninitialized(DataType.FLOAT, 1, k.out())});
        if (refreshed.put(layer, Boolean.TRUE) == null) {
            new FloatPointer(wb[0].data().addressPointer()).put(v, layer.offset(), layer.in() * layer.out());
            new FloatPointer(wb[1].data().addressPointer()).put(v, layer.biasOffset(), layer.out());
        }
        return wb;
    }
}
