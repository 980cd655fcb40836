package dev.mer.train.learner;

import dev.mer.train.Flags;
import dev.mer.train.memory.ReptileStep;

/**
 * {@code meralg6}, MER with one big batch (MER paper, Algorithm 6): per batch the replayed items
 * first and the example last, each one single-example SGD step, then one Reptile interpolation
 * with γ; {@code batches_per_example} such batches. (The reference also draws one batch before
 * the loop and never uses it; only its random draws differ, so it is not drawn here.)
 * {@code batches_per_example} is truncated towards zero as the reference's {@code int()}: below 1,
 * the example is only stored.
 */
final class MerOneBigBatch extends ReplayLearner {
    private final int batches;
    private final float gamma;
    private final ReptileStep reptile;

    MerOneBigBatch(LearnerContext c) {
        super(c);
        this.batches = c.config().get(Flags.BATCHES_PER_EXAMPLE).intValue();
        this.gamma = c.config().get(Flags.GAMMA).floatValue();
        this.reptile = new ReptileStep(params);
    }

    @Override
    void learn(float[] x, int offset, int label, int task) {
        if (batches <= 0) {
            return; // int(batches_per_example) ≤ 0: no step, as in the reference
        }
        reptile.begin();
        for (int b = 0; b < batches; b++) {
            for (int s : drawReplay()) {
                net.sgdStep(memory.sparseInputs(), s, memory.label(s), lr);
            }
            net.sgdStep(current, 0, label, lr);
            if (b + 1 < batches) {
                reptile.endThenBegin(gamma);
            } else {
                reptile.end(gamma);
            }
        }
    }
}
