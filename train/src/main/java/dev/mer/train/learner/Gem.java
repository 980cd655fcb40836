package dev.mer.train.learner;

import dev.mer.train.Flags;
import dev.mer.train.network.Network;
import dev.mer.train.network.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code gem} (GEM's {@code gem.py}, Lopez-Paz and Ranzato 2017): an episodic memory of
 * {@code n_memories} examples per task, filled as a ring with one counter shared across tasks as
 * the reference does; at every step the gradient of each past task's memory is computed (all
 * tasks' in one batched call to the network), and when the current gradient has a negative dot product with any of them it is
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
    private final Parameters params;
    private final float lr;
    private final double margin;
    private final int nInputs;
    private final int nMemories;
    /** GEM's {@code memory_data}: task t's slots are rows {@code [t*n_memories, (t+1)*n_memories)}. */
    private final INDArray memory;
    private final int[] labels;
    private final float[] written;
    private final float[][] grads;
    private final List<Integer> observed = new ArrayList<>();
    private int oldTask = -1;
    private int memCnt;
    /** Steps whose Gram matrix was singular, solved with GEM's later ridge ({@link GemProjection}). */
    private long ridgeFallbacks;

    Gem(LearnerContext c) {
        this.net = c.network();
        this.params = net.parameters();
        this.lr = c.config().get(Flags.LR).floatValue();
        this.margin = c.config().get(Flags.MEMORY_STRENGTH);
        this.nInputs = c.nInputs();
        this.nMemories = c.config().get(Flags.N_MEMORIES);
        this.memory = nMemories > 0 ? Nd4j.zeros(DataType.FLOAT, (long) c.nTasks() * nMemories, nInputs) : null;
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
            boolean conflict = false;
            for (int k = 0; k < past; k++) {
                pastGrads[k] = grads[observed.get(k)];
                double dot = 0;
                for (int i = 0; i < g.length; i++) {
                    dot += (double) g[i] * pastGrads[k][i];
                }
                conflict |= dot < 0;
            }
            if (conflict && GemProjection.project(g, pastGrads, margin).ridged()) {
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
        new FloatPointer(memory.data().addressPointer()).position((long) row * nInputs).put(x, 0, eff * nInputs);
        for (int i = 0; i < eff; i++) {
            labels[row + i] = y[i];
            written[row + i] = 1f;
        }
        memCnt += eff;
        if (memCnt == nMemories) {
            memCnt = 0;
        }
    }

    /** Every past task's memory gradient, in one batched pass (rows of tasks learnt in order are contiguous). */
    private void pastGradients(int past) {
        float[][] dst = new float[past][];
        boolean inOrder = true;
        for (int k = 0; k < past; k++) {
            int task = observed.get(k);
            inOrder &= task == k;
            if (grads[task] == null) {
                grads[task] = new float[params.size()];
            }
            dst[k] = grads[task];
        }
        int rows = past * nMemories;
        if (inOrder) {
            net.meanGradients(memory.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()), labels, written,
                    nMemories, dst);
            return;
        }
        int[] index = new int[rows];
        int[] y = new int[rows];
        float[] w = new float[rows];
        for (int k = 0; k < past; k++) {
            for (int i = 0; i < nMemories; i++) {
                int from = observed.get(k) * nMemories + i;
                index[k * nMemories + i] = from;
                y[k * nMemories + i] = labels[from];
                w[k * nMemories + i] = written[from];
            }
        }
        net.meanGradients(memory.getRows(index), y, w, nMemories, dst);
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
