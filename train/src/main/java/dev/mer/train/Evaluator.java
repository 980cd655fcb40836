package dev.mer.train;

import dev.mer.dataset.TaskSetFile;
import dev.mer.train.continuum.TaskArrays;
import dev.mer.train.learner.Learner;
import dev.mer.train.network.Network;
import dev.mer.train.network.Parameters;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GEM's {@code eval_tasks}: the accuracy of the learner's network for each task on that task's
 * whole test set, each task's rows classified in one batch ({@link Network#predict}). Unlike the
 * reference, which evaluates rows {@code [0, N-1)} and divides by N, every one of the N rows counts.
 *
 * <p>Each network is evaluated through a twin ({@link Network#over}) over a vector of the
 * evaluator's own, into which a snapshot's values are copied: the twins and their buffers live as
 * long as the evaluator, while the learner's networks go on training.
 */
public final class Evaluator {
    private final INDArray[] inputs;
    private final int[][] labels;
    private final Map<Network, Network> twins = new IdentityHashMap<>();
    private final Map<Parameters, Parameters> vectors = new IdentityHashMap<>();
    private int[] predictions = new int[0];

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
        Map<Parameters, Boolean> loaded = new IdentityHashMap<>();
        float[] acc = new float[inputs.length];
        for (int t = 0; t < inputs.length; t++) {
            int n = labels[t].length;
            if (n == 0) {
                acc[t] = Float.NaN;
                continue;
            }
            Network live = snapshot.network(t);
            Parameters vector = vectors.computeIfAbsent(live.parameters(), p -> new Parameters(p.size()));
            if (loaded.put(live.parameters(), Boolean.TRUE) == null) {
                vector.copyFrom(snapshot.values(t));
            }
            Network twin = twins.computeIfAbsent(live, k -> k.over(vector));
            if (predictions.length < n) {
                predictions = new int[n];
            }
            twin.predict(inputs[t], predictions);
            int correct = 0;
            for (int r = 0; r < n; r++) {
                if (predictions[r] == labels[t][r]) {
                    correct++;
                }
            }
            acc[t] = (float) (correct / (double) n);
        }
        return acc;
    }
}
