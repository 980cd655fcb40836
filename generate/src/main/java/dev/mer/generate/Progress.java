package dev.mer.generate;

/**
 * How far a generation has come, published after every finished task.
 *
 * @param tasksDone tasks written so far
 * @param tasks tasks in all
 * @param imagesDone images (train and test) written so far
 * @param images images in all
 * @param elapsedNanos time since the generation started, source loading excluded
 */
public record Progress(int tasksDone, int tasks, long imagesDone, long images, long elapsedNanos) {
    public Progress {
        if (tasks <= 0 || tasksDone < 0 || tasksDone > tasks || imagesDone < 0 || imagesDone > images) {
            throw new IllegalArgumentException("Invalid progress: " + tasksDone + "/" + tasks + " tasks, "
                    + imagesDone + "/" + images + " images");
        }
    }

    /** Images per second so far (0 before the first task). */
    public double imagesPerSecond() {
        return elapsedNanos <= 0 ? 0 : imagesDone * 1e9 / elapsedNanos;
    }

    /** Estimated seconds left at the rate so far, or NaN before the first task. */
    public double secondsLeft() {
        double rate = imagesPerSecond();
        return rate <= 0 ? Double.NaN : (images - imagesDone) / rate;
    }

    /** Receives progress; called from the writing thread, in task order. */
    @FunctionalInterface
    public interface Listener {
        /** Called after every written task. */
        void progress(Progress p);

        /** A listener that ignores everything. */
        Listener NONE = p -> { };
    }
}
