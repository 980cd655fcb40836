package dev.mer.train.learner;

import dev.mer.train.Flags;
import dev.mer.train.checkpoint.StateReader;
import dev.mer.train.checkpoint.StateWriter;
import java.io.IOException;
import dev.mer.train.network.Network;
import dev.mer.train.network.Parameters;
import java.util.Arrays;

/**
 * {@code ewc} (GEM's {@code ewc.py}, Kirkpatrick et al. 2017): at each task switch, the Fisher
 * information of the task just finished is taken as the squared gradient of the mean loss over
 * the examples stored from it (the first {@code n_memories}), with the parameters at that moment;
 * the loss then adds {@code memory_strength · F · (θ − θ*)²} for every earlier task. Like the
 * reference it needs the tasks in order (tasks 0..t−1 are the earlier ones): the model catalogue
 * refuses other orders.
 */
final class Ewc implements Learner {
    private final Network net;
    private final Parameters params;
    private final float lr;
    private final float reg;
    private final int nInputs;
    private final int nMemories;
    /** Σ over finished tasks of F, and of F·θ*: the penalty's gradient is 2·reg·(ΣF·θ − ΣF·θ*), one pass. */
    private final float[] fisherSum;
    private final float[] fisherOptimumSum;
    private int consolidated;
    private float[] memX;
    private int[] memY;
    private int stored;
    private int currentTask;

    Ewc(LearnerContext c) {
        this.net = c.network();
        this.params = net.parameters();
        this.lr = c.config().get(Flags.LR).floatValue();
        this.reg = c.config().get(Flags.MEMORY_STRENGTH).floatValue();
        this.nInputs = c.nInputs();
        // the reference keeps a task's first batch and appends while it holds fewer than n_memories:
        // a negative n_memories keeps the first batch only, as 0 does
        this.nMemories = Math.max(0, c.config().get(Flags.N_MEMORIES));
        this.fisherSum = new float[params.size()];
        this.fisherOptimumSum = new float[params.size()];
        this.memX = new float[nMemories * nInputs];
        this.memY = new int[nMemories];
    }

    @Override
    public void observe(float[] x, int[] y, int n, int task) {
        if (task != currentTask) {
            consolidate();
            currentTask = task;
            stored = 0;
        }
        remember(x, y, n);
        params.zeroGradient();
        for (int i = 0; i < n; i++) {
            net.lossGradient(x, i * nInputs, y[i], 1f / n);
        }
        if (task > 0) {
            if (consolidated < task) {
                throw new IllegalStateException("ewc: task " + task + " before tasks 0.." + (task - 1) + " were learnt");
            }
            float[] v = params.values();
            float[] g = params.gradient();
            float twoReg = 2f * reg;
            for (int k = 0; k < v.length; k++) {
                g[k] += twoReg * (fisherSum[k] * v[k] - fisherOptimumSum[k]);
            }
        }
        params.sgdStep(lr);
    }

    /** The reference keeps the whole first batch, then appends while below n_memories and truncates. */
    private void remember(float[] x, int[] y, int n) {
        if (stored == 0) {
            ensureCapacity(n);
            System.arraycopy(x, 0, memX, 0, n * nInputs);
            System.arraycopy(y, 0, memY, 0, n);
            stored = n;
        } else if (stored < nMemories) {
            int take = Math.min(n, nMemories - stored);
            System.arraycopy(x, 0, memX, stored * nInputs, take * nInputs);
            System.arraycopy(y, 0, memY, stored, take);
            stored += take;
        }
    }

    private void ensureCapacity(int n) {
        if (n > memY.length) {
            memX = Arrays.copyOf(memX, n * nInputs);
            memY = Arrays.copyOf(memY, n);
        }
    }

    private void consolidate() {
        params.zeroGradient();
        for (int i = 0; i < stored; i++) {
            net.lossGradient(memX, i * nInputs, memY[i], 1f / stored);
        }
        float[] g = params.gradient();
        float[] v = params.values();
        for (int k = 0; k < g.length; k++) {
            float f = g[k] * g[k];
            fisherSum[k] += f;
            fisherOptimumSum[k] += f * v[k];
        }
        consolidated++;
    }

    /**
     * The network, the Fisher sums of the tasks consolidated so far (which hold their anchors, as
     * {@code ΣF·θ*}), and the current task's stored examples, from which its Fisher information
     * will be taken at the next switch.
     */
    @Override
    public void writeState(StateWriter out) throws IOException {
        out.writeParameters("net", params);
        out.writeFloats("fisher", fisherSum);
        out.writeFloats("fisher_times_anchor", fisherOptimumSum);
        out.writeInt("consolidated_tasks", consolidated);
        out.writeInt("current_task", currentTask);
        out.writeFloats("memory.inputs", memX, 0, stored * nInputs);
        out.writeInts("memory.labels", memY, 0, stored);
    }

    @Override
    public void readState(StateReader in) throws IOException {
        in.readParameters("net", params);
        in.readFloats("fisher", fisherSum);
        in.readFloats("fisher_times_anchor", fisherOptimumSum);
        consolidated = in.readInt("consolidated_tasks", 0, Integer.MAX_VALUE);
        currentTask = in.readInt("current_task", 0, Integer.MAX_VALUE);
        float[] x = in.readFloats("memory.inputs");
        int[] y = in.readInts("memory.labels");
        for (int label : y) {
            if (label < 0 || label >= net.classes()) {
                throw in.invalid("ewc's memory holds the label " + label + ", not one of " + net.classes() + " classes");
            }
        }
        if (x.length != (long) y.length * nInputs) {
            throw in.invalid("ewc's memory holds " + x.length + " inputs for " + y.length + " labels of " + nInputs
                    + " inputs each");
        }
        stored = y.length;
        ensureCapacity(stored);
        System.arraycopy(x, 0, memX, 0, x.length);
        System.arraycopy(y, 0, memY, 0, stored);
    }

    @Override
    public Network network(int task) {
        return net;
    }
}
