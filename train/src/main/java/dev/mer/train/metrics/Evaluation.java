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

    /** The mean accuracy over every task's test set (tasks not yet learnt included). */
    public float meanAccuracy() {
        return mean(accuracies, 0, accuracies.length);
    }

    /**
     * The mean of {@code v[from, to)} as the reference's torch takes the float32 mean of a short
     * contiguous vector on the CPU: its sum, then one division. The one mean of accuracies in mer,
     * for the metrics, the progress line and the plots alike.
     */
    public static float mean(float[] v, int from, int to) {
        if (from >= to) {
            throw new IllegalArgumentException("The mean of nothing: [" + from + ", " + to + ")");
        }
        return TorchSum.sum(v, from, to) / (to - from);
    }
}
