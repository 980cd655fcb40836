package dev.mer.train;

import dev.mer.dataset.TaskRows;
import dev.mer.dataset.TaskSetFile;
import dev.mer.train.continuum.TaskArrays;
import dev.mer.train.learner.Learner;
import dev.mer.train.network.InputRows;
import dev.mer.train.network.Network;
import dev.mer.train.network.Parameters;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * GEM's {@code eval_tasks}: the accuracy of the learner's network for each task on that task's
 * whole test set, each task's rows classified in one call ({@link Network#predict(InputRows, int[])}:
 * the network reads the rows in the form it computes fastest, for the MLP their non-zero inputs
 * when they are sparse enough, else ND4J's matrix products). Unlike the reference, which evaluates
 * rows {@code [0, N-1)} and divides by N, every one of the N rows counts. A network whose
 * parameters have not changed since its last evaluation is not evaluated again (see
 * {@link #evaluate(Snapshot)}).
 *
 * <p>The test split is decoded once, on first use — on the evaluating thread, which also
 * initialises ND4J then if the dense form is read, so that training starts without waiting for
 * either — and kept for the
 * other runs on the same open task-set (a suite's), as long as memory allows. Each network is evaluated
 * through a twin ({@link Network#over}) over a vector of the evaluating thread's own, into which a
 * snapshot's values are copied: the twins live as long as the evaluator, while the learner's
 * networks go on training. Several threads may evaluate different snapshots at once.
 */
public final class Evaluator {
    /** Decoded test splits by open split, for the runs that follow on it (softly: memory may reclaim them). */
    private static final Map<TaskSetFile, SoftReference<Decoded>> DECODED = new WeakHashMap<>();

    private final TaskSetFile split;
    private final TaskRows[] test;
    private final int tasks;
    private volatile Decoded decoded;
    private final ThreadLocal<Twins> twins = ThreadLocal.withInitial(Twins::new);

    /** The test split: each task's inputs, in the forms the networks read, and its labels. */
    private record Decoded(InputRows[] inputs, int[][] labels) {
    }

    /** One thread's networks over its own copies of the snapshots' vectors. */
    private static final class Twins {
        final Map<Network, Network> networks = new IdentityHashMap<>();
        final Map<Parameters, Copy> vectors = new IdentityHashMap<>();
        int[] predictions = new int[0];
        /** Per task: the network last evaluated on this thread, the load of its vector then, and the accuracy. */
        Network[] lastNetwork;
        long[] lastLoad;
        float[] lastAccuracy;
    }

    /**
     * A thread's copy of one parameter vector and how many times different values were loaded into
     * it: while the count stays, the copy holds the same bits as at every evaluation made at that
     * count, so their accuracies still hold.
     */
    private static final class Copy {
        final Parameters values;
        long loads;

        Copy(int size) {
            this.values = new Parameters(size);
        }

        /** Loads {@code v} unless it holds those bits already. */
        void load(float[] v) {
            if (loads == 0 || !Arrays.equals(values.values(), v)) {
                values.copyFrom(v);
                loads++;
            }
        }
    }

    /**
     * Threads for ND4J's matrix products ({@code MER_BLAS_THREADS}, default 1): a single thread
     * was the faster on the project's 2-core machines, alone and inside a run, where the pool's
     * spinning threads slow the training thread between evaluations (BENCHMARKS.md, "Measured
     * choices in the training code"). Results do not depend on it.
     */
    private static void configureBlasThreads() {
        String env = System.getenv("MER_BLAS_THREADS");
        int threads = 1;
        if (env != null) {
            try {
                threads = Math.max(1, Integer.parseInt(env.strip()));
            } catch (NumberFormatException e) {
                threads = 1;
            }
        }
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
        // OpenBLAS keeps its own pool, which the environment's limits do not reach
        org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** Evaluates on {@code test}, which must stay open as long as this evaluator is used. */
    public Evaluator(TaskSetFile test) throws IOException {
        this.split = test;
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
            synchronized (DECODED) {
                d = decoded;
                if (d == null) {
                    SoftReference<Decoded> kept = DECODED.get(split);
                    d = kept == null ? null : kept.get();
                    if (d == null) {
                        d = decode();
                        DECODED.put(split, new SoftReference<>(d));
                    }
                    decoded = d;
                }
            }
        }
        return d;
    }

    /**
     * The task's rows as a dense matrix, ND4J initialised first (once): an evaluation that reads
     * only the rows' non-zero inputs never starts ND4J.
     */
    private static org.nd4j.linalg.api.ndarray.INDArray dense(TaskRows task) {
        synchronized (DECODED) {
            if (!blasConfigured) {
                configureBlasThreads();
                blasConfigured = true;
            }
        }
        return TaskArrays.inputs(task);
    }

    private static boolean blasConfigured;

    private Decoded decode() {
        InputRows[] inputs = new InputRows[tasks];
        int[][] labels = new int[tasks][];
        for (int t = 0; t < tasks; t++) {
            TaskRows task = test[t];
            inputs[t] = new InputRows(task.rows(), task.nInputs(), task::copyRow, () -> dense(task));
            labels[t] = TaskArrays.labels(task);
        }
        return new Decoded(inputs, labels);
    }

    /** Accuracy on each task's test set, {@code correct / N} as float32 like GEM's result tensor. */
    public float[] evaluate(Learner learner) {
        return evaluate(Snapshot.of(learner, tasks));
    }

    /**
     * As {@link #evaluate(Learner)}, on frozen weights. A task whose network (the same network, over
     * parameters bit for bit those of its last evaluation on this thread) was evaluated before keeps
     * that accuracy without being evaluated again: the networks of independent's other tasks and
     * the tasks a learner has not reached yet do not change between evaluations. The check compares
     * the values, not what the learner says it trained, so the accuracies are those a new
     * evaluation would give, exactly.
     */
    float[] evaluate(Snapshot snapshot) {
        Decoded data = decoded();
        Twins own = twins.get();
        if (own.lastNetwork == null) {
            own.lastNetwork = new Network[tasks];
            own.lastLoad = new long[tasks];
            own.lastAccuracy = new float[tasks];
        }
        Map<Parameters, Copy> loaded = new IdentityHashMap<>();
        float[] acc = new float[tasks];
        for (int t = 0; t < tasks; t++) {
            int[] labels = data.labels()[t];
            int n = labels.length;
            if (n == 0) {
                acc[t] = Float.NaN;
                continue;
            }
            Network live = snapshot.network(t);
            Copy vector = loaded.get(live.parameters());
            if (vector == null) {
                vector = own.vectors.computeIfAbsent(live.parameters(), p -> new Copy(p.size()));
                vector.load(snapshot.values(t));
                loaded.put(live.parameters(), vector);
            }
            if (own.lastNetwork[t] == live && own.lastLoad[t] == vector.loads) {
                acc[t] = own.lastAccuracy[t];
                continue;
            }
            Copy over = vector;
            Network twin = own.networks.computeIfAbsent(live, k -> k.over(over.values));
            if (own.predictions.length < n) {
                own.predictions = new int[n];
            }
            twin.predict(data.inputs()[t], own.predictions);
            int correct = 0;
            for (int r = 0; r < n; r++) {
                if (own.predictions[r] == labels[r]) {
                    correct++;
                }
            }
            acc[t] = (float) (correct / (double) n);
            own.lastNetwork[t] = live;
            own.lastLoad[t] = vector.loads;
            own.lastAccuracy[t] = acc[t];
        }
        return acc;
    }
}
