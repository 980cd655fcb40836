package dev.mer.train.learner;

import dev.mer.train.Flags;
import dev.mer.train.checkpoint.StateReader;
import dev.mer.train.checkpoint.StateWriter;
import java.io.IOException;
import dev.mer.train.network.BiasOnly;
import dev.mer.train.network.Linear;
import dev.mer.train.network.Mlp;
import dev.mer.train.network.NamedTensor;
import dev.mer.train.network.Network;
import dev.mer.train.network.Parameters;

/**
 * {@code taskinput} (GEM's {@code multimodal.py}): a dedicated input layer per task, shared
 * hidden and output layers. As in MER's {@code main.py}, which decrements {@code n_layers} for this
 * model, the per-task input layer replaces the first hidden layer, so the depth matches the others.
 * Initialisation is PyTorch's default for {@code nn.Linear} (not GEM's Xavier), with the biases the
 * reference resets set to zero: every input layer's, the output layer's and the first shared
 * hidden layer's (the reference resets {@code h_layer[0][0]} on every iteration, so further hidden
 * layers keep their default random biases).
 *
 * <p>Two shapes of the reference that the paper never uses: with {@code --n_layers 1} (no shared
 * hidden layer after the decrement) the reference builds one linear layer, which only a stream of
 * one task can use (the catalogue refuses more); with {@code --n_hiddens 0} every weight matrix is
 * empty and the one network left is the shared output biases ({@link BiasOnly}).
 */
final class TaskInput implements Learner {
    private final Network[] nets;
    private final Parameters params;
    /** Each task's input layer; null for the network of the output biases. */
    private final Linear[] inputs;
    /** The shared layers' range of the parameter vector: everything after the input layers (none: the size). */
    private final int sharedFrom;
    /** The shared hidden layers, then the output layer; empty without shared layers. */
    private final Linear[] tail;
    /** Shared hidden layers of the reference's {@code h_layer[0]} (n_layers − 1). */
    private final int shared;
    private final float lr;
    private final int nInputs;

    TaskInput(LearnerContext c) {
        int shared = c.config().get(Flags.N_LAYERS) - 1;
        this.shared = Math.max(0, shared);
        int nh = c.config().get(Flags.N_HIDDENS);
        this.nets = new Network[c.nTasks()];
        this.lr = c.config().get(Flags.LR).floatValue();
        this.nInputs = c.nInputs();
        if (shared > 0 && nh == 0) {
            BiasOnly net = new BiasOnly(c.inputShape(), c.nClasses());
            java.util.Arrays.fill(nets, net);
            this.params = net.parameters();
            this.inputs = null;
            this.sharedFrom = params.size();
            this.tail = new Linear[0];
            return;
        }
        // n_layers − 1 = 0: the reference's linear model (one layer, used for task 0 only)
        int firstOut = shared > 0 ? nh : c.nClasses();
        int size = c.nTasks() * Linear.sizeOf(c.nInputs(), firstOut)
                + (shared > 0 ? shared * Linear.sizeOf(nh, nh) + Linear.sizeOf(nh, c.nClasses()) : 0);
        this.params = new Parameters(size);
        int offset = 0;
        this.inputs = new Linear[c.nTasks()];
        for (int t = 0; t < inputs.length; t++) {
            inputs[t] = new Linear(params, offset, c.nInputs(), firstOut);
            inputs[t].initTorchDefault(c.init(), true);
            offset += inputs[t].size();
        }
        this.sharedFrom = offset;
        this.tail = new Linear[shared > 0 ? shared + 1 : 0];
        for (int l = 0; l < shared; l++) {
            tail[l] = new Linear(params, offset, nh, nh);
            tail[l].initTorchDefault(c.init(), l == 0);
            offset += tail[l].size();
        }
        if (shared > 0) {
            tail[shared] = new Linear(params, offset, nh, c.nClasses());
            tail[shared].initTorchDefault(c.init(), true);
        }
        for (int t = 0; t < nets.length; t++) {
            Linear[] ls = new Linear[1 + tail.length];
            ls[0] = inputs[t];
            System.arraycopy(tail, 0, ls, 1, tail.length);
            nets[t] = new Mlp(ls).withShape(c.inputShape());
        }
    }

    @Override
    public void observe(float[] x, int[] y, int n, int task) {
        // Only this task's input layer and the shared layers get a gradient; SGD leaves the other
        // input layers as they are, as the reference's step with their zero gradients does.
        if (n == 1) {
            nets[task].sgdStep(x, 0, y[0], lr); // touches exactly this task's input layer and the shared ones
            return;
        }
        int from = inputs == null ? 0 : inputs[task].offset();
        int to = inputs == null ? params.size() : from + inputs[task].size();
        params.zeroGradient(from, to);
        params.zeroGradient(sharedFrom, params.size());
        for (int i = 0; i < n; i++) {
            nets[task].lossGradient(x, i * nInputs, y[i], 1f / n);
        }
        params.sgdStep(lr, from, to);
        params.sgdStep(lr, sharedFrom, params.size());
    }

    /**
     * The reference's {@code i_layer} per task, {@code h_layer[0]}'s hidden layers and
     * {@code o_layer[0]}; with {@code --n_hiddens 0}, their empty weights and the output biases.
     */
    @Override
    public java.util.List<NamedTensor> stateDict() {
        java.util.List<NamedTensor> out = new java.util.ArrayList<>();
        if (inputs == null) {
            int in = nInputs;
            int classes = nets[0].classes();
            for (int t = 0; t < nets.length; t++) {
                out.add(new NamedTensor("i_layer." + t + ".weight", new long[] {0, in}, new float[0]));
                out.add(new NamedTensor("i_layer." + t + ".bias", new long[] {0}, new float[0]));
            }
            for (int l = 0; l < shared; l++) {
                out.add(new NamedTensor("h_layer.0." + l + ".weight", new long[] {0, 0}, new float[0]));
                out.add(new NamedTensor("h_layer.0." + l + ".bias", new long[] {0}, new float[0]));
            }
            out.add(new NamedTensor("o_layer.0.weight", new long[] {classes, 0}, new float[0]));
            out.add(new NamedTensor("o_layer.0.bias", new long[] {classes}, params.values().clone()));
            return out;
        }
        for (int t = 0; t < inputs.length; t++) {
            out.add(NamedTensor.weight("i_layer." + t + ".weight", inputs[t]));
            out.add(NamedTensor.bias("i_layer." + t + ".bias", inputs[t]));
        }
        for (int l = 0; l + 1 < tail.length; l++) {
            out.add(NamedTensor.weight("h_layer.0." + l + ".weight", tail[l]));
            out.add(NamedTensor.bias("h_layer.0." + l + ".bias", tail[l]));
        }
        if (tail.length > 0) {
            Linear o = tail[tail.length - 1];
            out.add(NamedTensor.weight("o_layer.0.weight", o));
            out.add(NamedTensor.bias("o_layer.0.bias", o));
        }
        return out;
    }

    /** The one vector of every task's input layer and the shared layers. */
    @Override
    public void writeState(StateWriter out) throws IOException {
        out.writeParameters("net", params);
    }

    @Override
    public void readState(StateReader in) throws IOException {
        in.readParameters("net", params);
    }

    @Override
    public Network network(int task) {
        return nets[task];
    }
}
