package dev.mer.train.learner;

import dev.mer.train.Flags;
import dev.mer.train.checkpoint.StateReader;
import dev.mer.train.checkpoint.StateWriter;
import java.io.IOException;
import dev.mer.train.network.Network;
import dev.mer.train.network.Parameters;
import dev.mer.train.network.SparseRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * {@code gem} (GEM's {@code gem.py}, Lopez-Paz and Ranzato 2017): an episodic memory of
 * {@code n_memories} examples per task, filled as a ring with one counter shared across tasks as
 * the reference does; at every step the gradient of each past task's memory is computed (example
 * by example through the network's sparse single-example passes, the memories kept as their
 * non-zero inputs; the past tasks shared out between the cores, each task's gradient made by one
 * thread in a fixed order, so the bits do not depend on the threads), and when the current gradient has a negative dot product with any of them it is
 * projected by {@link GemProjection} with margin {@code memory_strength}: on the Gram matrix itself,
 * as MER's {@code gem.py}, or, when it is singular (where the reference's quadprog fails), with GEM's
 * later ridge; those steps are counted ({@link #counters()}).
 *
 * <p>With {@code --n_memories 0} (main.py's default) the reference stores nothing, its past-task
 * gradients are zero and it never projects: plain SGD, as here.
 *
 * <p>Unlike the reference, whose memory tensors start uninitialised (so a task with fewer than
 * {@code n_memories} examples trains on garbage), only slots actually written count.
 */
final class Gem implements Learner {
    private final Network net;
    /**
     * {@code net}, and twins of it over copies of its parameters (refreshed at every step), one per
     * other thread computing memory gradients: a network's scratch buffers, and its parameters'
     * gradient (which a {@link Network#meanGradient} may use), are its own.
     */
    private final Network[] workers;
    private final Parameters params;
    private final float lr;
    private final double margin;
    private final int nInputs;
    private final int nMemories;
    /** GEM's {@code memory_data}: task t's slots are rows {@code [t*n_memories, (t+1)*n_memories)}. */
    private final SparseRows memory;
    private final int[] labels;
    private final float[] written;
    private final float[][] grads;
    private final List<Integer> observed = new ArrayList<>();
    private int oldTask = -1;
    private int memCnt;
    /** Steps whose Gram matrix was singular, solved with GEM's later ridge ({@link GemProjection}). */
    private long ridgeFallbacks;

    Gem(LearnerContext c) {
        this(c, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** With {@code threads} threads for the memory gradients (the results do not depend on it). */
    Gem(LearnerContext c, int threads) {
        this.net = c.network();
        this.params = net.parameters();
        this.workers = new Network[Math.max(1, threads)];
        workers[0] = net;
        for (int w = 1; w < workers.length; w++) {
            workers[w] = net.over(params.copy());
        }
        this.lr = c.config().get(Flags.LR).floatValue();
        this.margin = c.config().get(Flags.MEMORY_STRENGTH);
        this.nInputs = c.nInputs();
        this.nMemories = c.config().get(Flags.N_MEMORIES);
        this.memory = nMemories > 0 ? new SparseRows(c.nTasks() * nMemories, nInputs) : null;
        this.labels = new int[c.nTasks() * nMemories];
        this.written = new float[c.nTasks() * nMemories];
        this.grads = new float[c.nTasks()][];
    }

    @Override
    public void observe(float[] x, int[] y, int n, int t) {
        if (t != oldTask) {
            observed.add(t);
            oldTask = t;
        }
        // With no memory (n_memories 0) the reference's past-task gradients are those of an empty
        // batch, zero: no dot product is negative and the step is plain SGD. (The batches of one
        // example it cannot store are refused by the model catalogue.)
        int past = nMemories > 0 ? observed.size() - 1 : 0;
        if (nMemories > 0) {
            remember(x, y, n, t);
        }
        if (past > 0) {
            pastGradients(past);
        }
        params.zeroGradient();
        for (int i = 0; i < n; i++) {
            net.lossGradient(x, i * nInputs, y[i], 1f / n);
        }
        if (past > 0) {
            float[] g = params.gradient();
            float[][] pastGrads = new float[past][];
            for (int k = 0; k < past; k++) {
                pastGrads[k] = grads[observed.get(k)];
            }
            double[] dots = GemProjection.dots(g, pastGrads);
            boolean conflict = false;
            for (double dot : dots) {
                conflict |= dot < 0;
            }
            if (conflict && GemProjection.project(g, pastGrads, margin, dots).ridged()) {
                ridgeFallbacks++;
            }
        }
        params.sgdStep(lr);
    }

    /** The reference's ring: one counter for all tasks, a batch truncated at the end of the buffer. */
    private void remember(float[] x, int[] y, int n, int t) {
        int end = Math.min(memCnt + n, nMemories);
        int eff = end - memCnt;
        int row = t * nMemories + memCnt;
        for (int i = 0; i < eff; i++) {
            memory.set(row + i, x, i * nInputs);
            labels[row + i] = y[i];
            written[row + i] = 1f;
        }
        memCnt += eff;
        if (memCnt == nMemories) {
            memCnt = 0;
        }
    }

    /** Every past task's memory gradient, into {@code grads[task]}: contiguous shares of the tasks, one per worker. */
    private void pastGradients(int past) {
        for (int k = 0; k < past; k++) {
            int task = observed.get(k);
            if (grads[task] == null) {
                grads[task] = new float[params.size()];
            }
        }
        int parts = Math.min(workers.length, past);
        ForkJoinTask<?>[] forks = new ForkJoinTask<?>[parts - 1];
        for (int w = 1; w < parts; w++) {
            Network worker = workers[w];
            worker.parameters().copyFrom(params);
            int from = past * w / parts;
            int to = past * (w + 1) / parts;
            forks[w - 1] = ForkJoinPool.commonPool().submit(() -> memoryGradients(worker, from, to));
        }
        memoryGradients(net, 0, past / parts);
        for (ForkJoinTask<?> fork : forks) {
            fork.join();
        }
    }

    /** The memory gradients of the observed tasks {@code [from, to)} (in order of observation), through {@code worker}. */
    private void memoryGradients(Network worker, int from, int to) {
        for (int k = from; k < to; k++) {
            int task = observed.get(k);
            worker.meanGradient(memory, task * nMemories, nMemories, labels, written, grads[task]);
        }
    }

    /**
     * The network, every task's episodic memory as stored (non-zero inputs, labels, which slots
     * are written), the ring's counter, the tasks observed in order, and the ridge count. The
     * past tasks' gradients are recomputed at every step and are not kept.
     */
    @Override
    public void writeState(StateWriter out) throws IOException {
        out.writeParameters("net", params);
        int rows = labels.length;
        if (memory != null) {
            out.writeSparseRows("memory.inputs", memory, 0, rows);
        }
        out.writeInts("memory.labels", labels);
        out.writeFloats("memory.written", written);
        out.writeInt("memory.counter", memCnt);
        out.writeInts("observed_tasks", observed.stream().mapToInt(Integer::intValue).toArray());
        out.writeLong("ridge_fallbacks", ridgeFallbacks);
    }

    @Override
    public void readState(StateReader in) throws IOException {
        in.readParameters("net", params);
        int rows = labels.length;
        if (memory != null) {
            in.readSparseRows("memory.inputs", memory, 0, rows);
        }
        System.arraycopy(in.readInts("memory.labels", rows, 0, net.classes() - 1), 0, labels, 0, rows);
        in.readFloats("memory.written", written);
        memCnt = in.readInt("memory.counter", 0, Math.max(0, nMemories - 1));
        int[] tasks = in.readInts("observed_tasks");
        observed.clear();
        boolean[] seen = new boolean[grads.length];
        for (int t : tasks) {
            if (t < 0 || t >= grads.length || seen[t]) {
                throw in.invalid("gem's observed tasks " + java.util.Arrays.toString(tasks) + " are not distinct tasks"
                        + " of the " + grads.length);
            }
            seen[t] = true;
            observed.add(t);
        }
        oldTask = observed.isEmpty() ? -1 : observed.get(observed.size() - 1);
        ridgeFallbacks = in.readLong("ridge_fallbacks", 0, Long.MAX_VALUE);
    }

    @Override
    public Network network(int task) {
        return net;
    }

    /** {@code gem_ridge_fallbacks}: the projections whose Gram matrix was singular and needed the ridge. */
    @Override
    public Map<String, Long> counters() {
        return Map.of("gem_ridge_fallbacks", ridgeFallbacks);
    }
}
