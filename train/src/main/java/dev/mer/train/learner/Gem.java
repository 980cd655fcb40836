package dev.mer.train.learner;

import dev.mer.train.network.BatchGradient;
import dev.mer.train.network.Mlp;
import dev.mer.train.network.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code gem} (GEM's {@code gem.py}, Lopez-Paz and Ranzato 2017): an episodic memory of
 * {@code n_memories} examples per task, filled as a ring with one counter shared across tasks as
 * the reference does; at every step the gradient of each past task's memory is computed (batched,
 * ND4J), and when the current gradient has a negative dot product with any of them it is
 * projected by {@link GemProjection} with margin {@code memory_strength}.
 *
 * <p>Unlike the reference, whose memory tensors start uninitialised (so a task with fewer than
 * {@code n_memories} examples trains on garbage), only slots actually written count.
 */
final class Gem implements Learner {
    private final Mlp net;
    private final Parameters params;
    private final BatchGradient batch;
    private final float lr;
    private final double margin;
    private final int nInputs;
    private final int nMemories;
    private final INDArray[] memory;
    private final int[][] labels;
    private final boolean[][] filled;
    private final float[][] grads;
    private final List<Integer> observed = new ArrayList<>();
    private int oldTask = -1;
    private int memCnt;

    Gem(LearnerContext c) {
        this.net = c.xavierMlp(c.config().nHiddens(), c.config().nLayers());
        this.params = net.layers()[0].params();
        this.batch = new BatchGradient(net);
        this.lr = (float) c.config().lr();
        this.margin = c.config().memoryStrength();
        this.nInputs = c.nInputs();
        this.nMemories = c.config().nMemories();
        this.memory = new INDArray[c.nTasks()];
        this.labels = new int[c.nTasks()][];
        this.filled = new boolean[c.nTasks()][];
        this.grads = new float[c.nTasks()][];
    }

    @Override
    public void observe(float[] x, int[] y, int n, int t) {
        if (t != oldTask) {
            observed.add(t);
            oldTask = t;
        }
        remember(x, y, n, t);
        if (observed.size() > 1) {
            for (int k = 0; k < observed.size() - 1; k++) {
                int past = observed.get(k);
                if (grads[past] == null) {
                    grads[past] = new float[params.size()];
                }
                pastGradient(past, grads[past]);
            }
        }
        params.zeroGradient();
        for (int i = 0; i < n; i++) {
            net.backward(x, i * nInputs, y[i], 1f / n);
        }
        if (observed.size() > 1) {
            float[] g = params.gradient();
            float[][] past = new float[observed.size() - 1][];
            boolean conflict = false;
            for (int k = 0; k < past.length; k++) {
                past[k] = grads[observed.get(k)];
                double dot = 0;
                for (int i = 0; i < g.length; i++) {
                    dot += (double) g[i] * past[k][i];
                }
                conflict |= dot < 0;
            }
            if (conflict) {
                GemProjection.project(g, past, margin);
            }
        }
        params.sgdStep(lr);
    }

    /** The reference's ring: one counter for all tasks, a batch truncated at the end of the buffer. */
    private void remember(float[] x, int[] y, int n, int t) {
        if (memory[t] == null) {
            memory[t] = Nd4j.zeros(DataType.FLOAT, nMemories, nInputs);
            labels[t] = new int[nMemories];
            filled[t] = new boolean[nMemories];
        }
        int end = Math.min(memCnt + n, nMemories);
        int eff = end - memCnt;
        new FloatPointer(memory[t].data().addressPointer()).position((long) memCnt * nInputs).put(x, 0, eff * nInputs);
        for (int i = 0; i < eff; i++) {
            labels[t][memCnt + i] = y[i];
            filled[t][memCnt + i] = true;
        }
        memCnt += eff;
        if (memCnt == nMemories) {
            memCnt = 0;
        }
    }

    private void pastGradient(int task, float[] dst) {
        int count = 0;
        for (boolean f : filled[task]) {
            count += f ? 1 : 0;
        }
        if (count == nMemories) {
            batch.meanGradient(memory[task], labels[task], dst);
            return;
        }
        long[] rows = new long[count];
        int[] y = new int[count];
        int k = 0;
        for (int i = 0; i < nMemories; i++) {
            if (filled[task][i]) {
                rows[k] = i;
                y[k++] = labels[task][i];
            }
        }
        batch.meanGradient(memory[task].getRows(java.util.Arrays.stream(rows).mapToInt(r -> (int) r).toArray()), y, dst);
    }

    @Override
    public Mlp network(int task) {
        return net;
    }
}
