package dev.mer.train;

import dev.mer.dataset.TaskRows;
import dev.mer.dataset.TaskSetFile;
import java.io.IOException;
import dev.mer.train.continuum.TaskArrays;
import dev.mer.train.learner.Learner;
import dev.mer.train.network.Network;
import dev.mer.train.network.Parameters;
import dev.mer.train.network.SparseRows;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * GEM's {@code eval_tasks}: the accuracy of the learner's network for each task on that task's
 * whole test set ({@link Network#predict}, row by row through the sparse forward pass). Unlike the
 * reference, which evaluates rows {@code [0, N-1)} and divides by N, every one of the N rows counts.
 *
 * <p>The test split is decoded once, on first use (on the evaluating thread, so that training
 * starts without waiting for it), into each task's non-zero inputs. Each network is evaluated
 * through a twin ({@link Network#over}) over a vector of the evaluating thread's own, into which a
 * snapshot's values are copied: the twins live as long as the evaluator, while the learner's
 * networks go on training. Several threads may evaluate different snapshots at once.
 */
public final class Evaluator {
    private final TaskRows[] test;
    private final int tasks;
    private volatile Decoded decoded;
    private final ThreadLocal<Twins> twins = ThreadLocal.withInitial(Twins::new);

    /** The test split, each task's inputs as their non-zeros, and its labels. */
    private record Decoded(SparseRows[] inputs, int[][] labels) {
    }

    /** One thread's networks over its own copies of the snapshots' vectors. */
    private static final class Twins {
        final Map<Network, Network> networks = new IdentityHashMap<>();
        final Map<Parameters, Parameters> vectors = new IdentityHashMap<>();
        int[] predictions = new int[0];
    }

    /** Evaluates on {@code test}, which must stay open as long as this evaluator is used. */
    public Evaluator(TaskSetFile test) throws IOException {
        this.tasks = test.manifest().taskCount();
        this.test = new TaskRows[tasks];
        for (int t = 0; t < tasks; t++) {
            this.test[t] = test.task(t);
        }
    }

    /** The number of test rows over all tasks. */
    public long rows() {
        long n = 0;
        for (int t = 0; t < tasks; t++) {
            n += test[t].rows();
        }
        return n;
    }

    private Decoded decoded() {
        Decoded d = decoded;
        if (d == null) {
            synchronized (this) {
                d = decoded;
                if (d == null) {
                    SparseRows[] inputs = new SparseRows[tasks];
                    int[][] labels = new int[tasks][];
                    for (int t = 0; t < tasks; t++) {
                        inputs[t] = TaskArrays.inputs(test[t]);
                        labels[t] = TaskArrays.labels(test[t]);
                    }
                    d = new Decoded(inputs, labels);
                    decoded = d;
                }
            }
        }
        return d;
    }

    /** Accuracy on each task's test set, {@code correct / N} as float32 like GEM's result tensor. */
    public float[] evaluate(Learner learner) {
        return evaluate(Snapshot.of(learner, tasks));
    }

    /** As {@link #evaluate(Learner)}, on frozen weights. */
    float[] evaluate(Snapshot snapshot) {
        Decoded data = decoded();
        Twins own = twins.get();
        Map<Parameters, Boolean> loaded = new IdentityHashMap<>();
        float[] acc = new float[tasks];
        for (int t = 0; t < tasks; t++) {
            int[] labels = data.labels()[t];
            int n = labels.length;
            if (n == 0) {
                acc[t] = Float.NaN;
                continue;
            }
            Network live = snapshot.network(t);
            Parameters vector = own.vectors.computeIfAbsent(live.parameters(), p -> new Parameters(p.size()));
            if (loaded.put(live.parameters(), Boolean.TRUE) == null) {
                vector.copyFrom(snapshot.values(t));
            }
            Network twin = own.networks.computeIfAbsent(live, k -> k.over(vector));
            if (own.predictions.length < n) {
                own.predictions = new int[n];
            }
            twin.predict(data.inputs()[t], 0, n, own.predictions);
            int correct = 0;
            for (int r = 0; r < n; r++) {
                if (own.predictions[r] == labels[r]) {
                    correct++;
                }
            }
            acc[t] = (float) (correct / (double) n);
        }
        return acc;
    }
}
