package dev.mer.train.learner;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code eralg5}, Experience Replay with tasks (MER paper, Algorithm 5): the loss is the sum over
 * the tasks present in the batch (the example's and the replayed items') of that task's mean
 * loss, so that every task weighs the same whatever its share of the batch; one SGD step.
 */
final class TaskExperienceReplay extends ReplayLearner {
    TaskExperienceReplay(LearnerContext c) {
        super(c);
    }

    @Override
    void learn(float[] x, int offset, int label, int task) {
        int[] slots = drawReplay();
        Map<Integer, Integer> perTask = new LinkedHashMap<>();
        perTask.put(task, 1);
        for (int s : slots) {
            perTask.merge(memory.task(s), 1, Integer::sum);
        }
        params.zeroGradient();
        net.lossGradient(x, offset, label, 1f / perTask.get(task));
        for (int s : slots) {
            net.lossGradient(memory.inputs(), s * nInputs, memory.label(s), 1f / perTask.get(memory.task(s)));
        }
        params.sgdStep(lr);
    }
}
