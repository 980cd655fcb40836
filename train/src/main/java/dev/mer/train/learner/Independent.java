package dev.mer.train.learner;

import dev.mer.train.Flags;
import dev.mer.train.checkpoint.StateReader;
import dev.mer.train.checkpoint.StateWriter;
import java.io.IOException;
import dev.mer.train.network.Architecture;
import dev.mer.train.network.NamedTensor;
import dev.mer.train.network.Network;
import dev.mer.train.network.Parameters;

/**
 * {@code independent} (GEM's {@code independent.py}): one network per task with
 * {@code int(n_hiddens / n_tasks)} units per layer; with {@code --finetune yes} a new task's network
 * starts as a copy of the previous task's (of the task presented before it, except that task 0,
 * as in the reference, neither copies nor counts as the previous task).
 */
final class Independent implements Learner {
    private final Network[] nets;
    private final float lr;
    private final int nInputs;
    private final boolean finetune;
    private int oldTask;

    Independent(LearnerContext c) {
        // int(n_hiddens / n_tasks) units each; none (the network of the output biases) when there
        // are fewer units than tasks, as in the reference (Models refuses what the reference cannot build)
        Architecture each = c.architecture().split(c.nTasks());
        this.nets = new Network[c.nTasks()];
        for (int t = 0; t < nets.length; t++) {
            nets[t] = c.network(each);
        }
        this.lr = c.config().get(Flags.LR).floatValue();
        this.nInputs = c.nInputs();
        this.finetune = c.config().get(Flags.FINETUNE);
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
            nets[task].lossGradient(x, i * nInputs, y[i], 1f / n);
        }
        p.sgdStep(lr);
    }

    private Parameters params(int task) {
        return nets[task].parameters();
    }

    /** GEM's {@code nets}: a ModuleList of one MLP per task. */
    @Override
    public java.util.List<NamedTensor> stateDict() {
        java.util.List<NamedTensor> out = new java.util.ArrayList<>();
        for (int t = 0; t < nets.length; t++) {
            for (NamedTensor x : nets[t].stateDict()) {
                out.add(x.prefixed("nets." + t + "."));
            }
        }
        return out;
    }

    /** Every task's network, and the task a new one copies with {@code --finetune yes}. */
    @Override
    public void writeState(StateWriter out) throws IOException {
        for (int t = 0; t < nets.length; t++) {
            out.writeParameters("nets." + t, params(t));
        }
        out.writeInt("previous_task", oldTask);
    }

    @Override
    public void readState(StateReader in) throws IOException {
        for (int t = 0; t < nets.length; t++) {
            in.readParameters("nets." + t, params(t));
        }
        oldTask = in.readInt("previous_task", 0, nets.length - 1);
    }

    @Override
    public Network network(int task) {
        return nets[task];
    }
}
