package dev.mer.train.learner;

import dev.mer.train.network.Mlp;
import dev.mer.train.network.Parameters;

/**
 * {@code independent} (GEM's {@code independent.py}): one network per task with
 * {@code n_hiddens / n_tasks} units per layer; with {@code --finetune yes} a new task's network
 * starts as a copy of the previous task's.
 */
final class Independent implements Learner {
    private final Mlp[] nets;
    private final float lr;
    private final int nInputs;
    private final boolean finetune;
    private int oldTask;

    Independent(LearnerContext c) {
        int hidden = c.config().nHiddens() / c.nTasks();
        if (hidden < 1) {
            throw new IllegalArgumentException("independent: n_hiddens " + c.config().nHiddens() + " / "
                    + c.nTasks() + " tasks leaves no hidden unit");
        }
        this.nets = new Mlp[c.nTasks()];
        for (int t = 0; t < nets.length; t++) {
            nets[t] = c.xavierMlp(hidden, c.config().nLayers());
        }
        this.lr = (float) c.config().lr();
        this.nInputs = c.nInputs();
        this.finetune = c.config().finetune();
    }

    @Override
    public void observe(float[] x, int[] y, int n, int task) {
        if (finetune && task > 0 && task != oldTask) {
            params(task).copyFrom(params(oldTask));
            oldTask = task;
        }
        if (n == 1) {
            nets[task].sgdStep(x, 0, y[0], lr);
            return;
        }
        Parameters p = params(task);
        p.zeroGradient();
        for (int i = 0; i < n; i++) {
            nets[task].backward(x, i * nInputs, y[i], 1f / n);
        }
        p.sgdStep(lr);
    }

    private Parameters params(int task) {
        return nets[task].layers()[0].params();
    }

    @Override
    public Mlp network(int task) {
        return nets[task];
    }
}
