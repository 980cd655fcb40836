package dev.mer.train.learner;

import dev.mer.train.network.Mlp;
import dev.mer.train.network.Parameters;

/**
 * {@code online} (GEM's {@code single.py}): one network trained by SGD on the stream, nothing
 * against forgetting — the lower bound of the paper's tables.
 */
final class Online implements Learner {
    private final Mlp net;
    private final Parameters params;
    private final float lr;
    private final int nInputs;

    Online(LearnerContext c) {
        this.net = c.xavierMlp(c.config().nHiddens(), c.config().nLayers());
        this.params = net.layers()[0].params();
        this.lr = (float) c.config().lr();
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
            net.backward(x, i * nInputs, y[i], 1f / n);
        }
        params.sgdStep(lr);
    }

    @Override
    public Mlp network(int task) {
        return net;
    }
}
