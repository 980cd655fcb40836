package dev.mer.train.metrics;

/**
 * One evaluation of the learner on every task's test set.
 *
 * @param task the task this evaluation is attributed to, as GEM's {@code life_experience} does:
 *     the task being learnt before the batch that triggered it
 * @param examplesSeen training batches observed before it
 * @param accuracies the accuracy on each task's test set, as float32 like GEM's result tensor
 */
public record Evaluation(int task, long examplesSeen, float[] accuracies) {
    public Evaluation {
        if (task < 0 || examplesSeen < 0 || accuracies.length == 0) {
            throw new IllegalArgumentException("Invalid evaluation: task " + task + ", after " + examplesSeen
                    + " batches, " + accuracies.length + " accuracies");
        }
        accuracies = accuracies.clone();
    }

    @Override
    public float[] accuracies() {
        return accuracies.clone();
    }

    float accuracy(int t) {
        return accuracies[t];
    }
}
