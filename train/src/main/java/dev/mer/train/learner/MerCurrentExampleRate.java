package dev.mer.train.learner;

import dev.mer.train.Flags;
import dev.mer.train.memory.ReptileStep;

/**
 * {@code meralg7}, MER with a current-example learning rate (MER paper, Algorithm 7): the
 * replayed items and the example, shuffled together, each one single-example SGD step, the
 * example's loss multiplied by {@code s}; then one Reptile interpolation with γ. As in the
 * reference, the very first example of the stream is only stored, not learnt.
 */
final class MerCurrentExampleRate extends ReplayLearner {
    private final float s;
    private final float gamma;
    private final ReptileStep reptile;

    MerCurrentExampleRate(LearnerContext c) {
        super(c);
        this.s = c.config().get(Flags.S).floatValue();
        this.gamma = c.config().get(Flags.GAMMA).floatValue();
        this.reptile = new ReptileStep(params);
    }

    @Override
    void learn(float[] x, int offset, int label, int task) {
        if (memory.ageSoFar() <= 1) {
            return;
        }
        reptile.begin();
        int[] slots = drawReplay();
        // The example is index 0 among the items; Python's shuffle of the indices decides its place.
        int[] order = new int[slots.length + 1];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        random.shuffle(order);
        for (int index : order) {
            if (index == 0) {
                net.sgdStep(current, 0, label, lr * s);
            } else {
                int slot = slots[index - 1];
                net.sgdStep(memory.sparseInputs(), slot, memory.label(slot), lr);
            }
        }
        reptile.end(gamma);
    }
}
