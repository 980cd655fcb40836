package dev.mer.train.learner;

import dev.mer.train.Flags;
import dev.mer.train.memory.ReptileStep;

/**
 * {@code meralg1}, Meta-Experience Replay (MER paper, Algorithm 1): for each incoming example,
 * {@code batches_per_example} batches, each the example first and then the replayed items, each
 * item one single-example SGD step; after each batch the within-batch Reptile interpolation with
 * β, after all batches the across-batch one with γ. {@code batches_per_example} is truncated
 * towards zero, as the reference's {@code int()}: below 1, the example is only stored.
 */
final class Mer extends ReplayLearner {
    private final int batches;
    private final float beta;
    private final float gamma;
    private final ReptileStep acrossBatches;
    private final ReptileStep withinBatch;

    Mer(LearnerContext c) {
        super(c);
        this.batches = c.config().get(Flags.BATCHES_PER_EXAMPLE).intValue();
        this.beta = c.config().get(Flags.BETA).floatValue();
        this.gamma = c.config().get(Flags.GAMMA).floatValue();
        this.acrossBatches = new ReptileStep(params);
        this.withinBatch = new ReptileStep(params);
    }

    @Override
    void learn(float[] x, int offset, int label, int task) {
        if (batches <= 0) {
            // int(batches_per_example) ≤ 0: the reference takes no step, and both Reptile updates
            // then give back the weights they started from
            return;
        }
        if (gamma != 1f) { // with γ = 1 (every meralg1 row of the paper) the across-batch step keeps the weights
            acrossBatches.begin();
        }
        withinBatch.begin();
        for (int b = 0; b < batches; b++) {
            int[] slots = drawReplay();
            net.sgdStep(current, 0, label, lr);
            for (int s : slots) {
                net.sgdStep(memory.sparseInputs(), s, memory.label(s), lr);
            }
            if (b + 1 < batches) {
                withinBatch.endThenBegin(beta);
            } else {
                withinBatch.end(beta);
            }
        }
        if (gamma != 1f) {
            acrossBatches.end(gamma);
        }
    }
}
