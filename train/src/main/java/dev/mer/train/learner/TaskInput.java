package dev.mer.train.learner;

import dev.mer.train.Flags;
import dev.mer.train.network.Linear;
import dev.mer.train.network.Mlp;
import dev.mer.train.network.NamedTensor;
import dev.mer.train.network.Parameters;

/**
 * {@code taskinput} (GEM's {@code multimodal.py}): a dedicated input layer per task, shared
 * hidden and output layers. As in MER's {@code main.py}, which decrements {@code n_layers} for this
 * model, the per-task input layer replaces the first hidden layer, so the depth matches the others.
 * (With {@code --n_layers} below 2 the reference builds a single input layer for all tasks and
 * fails at the second task; the catalogue refuses it.)
 * Initialisation is PyTorch's default for {@code nn.Linear} (not GEM's Xavier), with the biases the
 * reference resets set to zero: every input layer's, the output layer's and the first shared
 * hidden layer's (the reference resets {@code h_layer[0][0]} on every iteration, so further hidden
 * layers keep their default random biases).
 */
final class TaskInput implements Learner {
    private final Mlp[] nets;
    private final Parameters params;
    /** The shared layers' range of the parameter vector: everything after the input layers. */
    private final int sharedFrom;
    private final Linear[] inputLayers;
    /** The shared hidden layers, then the output layer; empty without shared layers. */
    private final Linear[] sharedLayers;
    private final float lr;
    private final int nInputs;

    TaskInput(LearnerContext c) {
        int shared = c.config().get(Flags.N_LAYERS) - 1;
        int nh = c.config().get(Flags.N_HIDDENS);
        int firstOut = shared > 0 ? nh : c.nClasses();
        int hiddenLayers = Math.max(0, shared);
        int size = c.nTasks() * Linear.sizeOf(c.nInputs(), firstOut)
                + (shared > 0 ? hiddenLayers * Linear.sizeOf(nh, nh) + Linear.sizeOf(nh, c.nClasses()) : 0);
        this.params = new Parameters(size);
        int offset = 0;
        Linear[] inputs = new Linear[c.nTasks()];
        for (int t = 0; t < inputs.length; t++) {
            inputs[t] = new Linear(params, offset, c.nInputs(), firstOut);
            inputs[t].initTorchDefault(c.init(), true);
            offset += inputs[t].size();
        }
        this.sharedFrom = offset;
        Linear[] tail = new Linear[shared > 0 ? hiddenLayers + 1 : 0];
        for (int l = 0; l < hiddenLayers; l++) {
            tail[l] = new Linear(params, offset, nh, nh);
            tail[l].initTorchDefault(c.init(), l == 0);
            offset += tail[l].size();
        }
        if (shared > 0) {
            tail[hiddenLayers] = new Linear(params, offset, nh, c.nClasses());
            tail[hiddenLayers].initTorchDefault(c.init(), true);
        }
        this.inputLayers = inputs;
        this.sharedLayers = tail;
        this.nets = new Mlp[c.nTasks()];
        for (int t = 0; t < nets.length; t++) {
            Linear[] ls = new Linear[1 + tail.length];
            ls[0] = inputs[t];
            System.arraycopy(tail, 0, ls, 1, tail.length);
            nets[t] = new Mlp(ls).withShape(c.inputShape());
        }
        this.lr = c.config().get(Flags.LR).floatValue();
        this.nInputs = c.nInputs();
    }

    @Override
    public void observe(float[] x, int[] y, int n, int task) {
        // Only this task's input layer and the shared layers get a gradient; SGD leaves the other
        // input layers as they are, as the reference's step with their zero gradients does.
        if (n == 1) {
            nets[task].sgdStep(x, 0, y[0], lr); // touches exactly this task's input layer and the shared ones
            return;
        }
        Linear input = nets[task].layers()[0];
        params.zeroGradient(input.offset(), input.offset() + input.size());
        params.zeroGradient(sharedFrom, params.size());
        for (int i = 0; i < n; i++) {
            nets[task].lossGradient(x, i * nInputs, y[i], 1f / n);
        }
        params.sgdStep(lr, input.offset(), input.offset() + input.size());
        params.sgdStep(lr, sharedFrom, params.size());
    }

    /** The reference's {@code i_layer} per task, {@code h_layer[0]}'s hidden layers and {@code o_layer[0]}. */
    @Override
    public java.util.List<NamedTensor> stateDict() {
        java.util.List<NamedTensor> out = new java.util.ArrayList<>();
        for (int t = 0; t < inputLayers.length; t++) {
            out.add(NamedTensor.weight("i_layer." + t + ".weight", inputLayers[t]));
            out.add(NamedTensor.bias("i_layer." + t + ".bias", inputLayers[t]));
        }
        for (int l = 0; l + 1 < sharedLayers.length; l++) {
            out.add(NamedTensor.weight("h_layer.0." + l + ".weight", sharedLayers[l]));
            out.add(NamedTensor.bias("h_layer.0." + l + ".bias", sharedLayers[l]));
        }
        if (sharedLayers.length > 0) {
            Linear o = sharedLayers[sharedLayers.length - 1];
            out.add(NamedTensor.weight("o_layer.0.weight", o));
            out.add(NamedTensor.bias("o_layer.0.bias", o));
        }
        return out;
    }

    @Override
    public Mlp network(int task) {
        return nets[task];
    }
}
