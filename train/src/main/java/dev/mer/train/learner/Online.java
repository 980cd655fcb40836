package dev.mer.train.learner;

import dev.mer.train.Flags;
import dev.mer.train.checkpoint.StateReader;
import dev.mer.train.checkpoint.StateWriter;
import java.io.IOException;
import dev.mer.train.network.Network;
import dev.mer.train.network.Parameters;

/**
 * {@code online} (GEM's {@code single.py}): one network trained by SGD on the stream, nothing
 * against forgetting — the lower bound of the paper's tables.
 */
final class Online implements Learner {
    private final Network net;
    private final Parameters params;
    private final float lr;
    private final int nInputs;

    Online(LearnerContext c) {
        this.net = c.network();
        this.params = net.parameters();
        this.lr = c.config().get(Flags.LR).floatValue();
        this.nInputs = c.nInputs();
    }

    @Override
    public void observe(float[] x, int[] y, int n, int task) {
        if (n == 1) {
            net.sgdStep(x, 0, y[0], lr); // the paper's batch size: the fused step, same update
            return;
        }
        params.zeroGradient();
        for (int i = 0; i < n; i++) {
            net.lossGradient(x, i * nInputs, y[i], 1f / n);
        }
        params.sgdStep(lr);
    }

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
        return net;
    }
}
