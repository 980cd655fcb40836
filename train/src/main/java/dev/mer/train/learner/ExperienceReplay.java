package dev.mer.train.learner;

/**
 * {@code eralg4}, Experience Replay with reservoir sampling (MER paper, Algorithm 4): each example
 * is learnt in one SGD step on the mean loss of the replayed items and the example itself.
 */
final class ExperienceReplay extends ReplayLearner {
    ExperienceReplay(LearnerContext c) {
        super(c);
    }

    @Override
    void learn(float[] x, int offset, int label, int task) {
        int[] slots = drawReplay();
        float scale = 1f / (slots.length + 1);
        params.zeroGradient();
        for (int s : slots) {
            net.lossGradient(memory.inputs(), s * nInputs, memory.label(s), scale);
        }
        net.lossGradient(x, offset, label, scale);
        params.sgdStep(lr);
    }
}
