package dev.mer.report.demo;

import dev.mer.experiment.grid.Seeds;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code mer demo} runs.
 *
 * @param out where the task-set, the runs, the summary and the report go
 * @param seeds the seeds of every model
 * @param samplesPerTask training examples per task (the paper's 1000 scaled to the sample)
 * @param jobs runs at a time
 */
public record DemoOptions(Path out, Seeds seeds, int samplesPerTask, int jobs) {
    /** The paper's 1000 examples per task, scaled by the sample's size as its memories are (about a tenth). */
    public static final int SAMPLES_PER_TASK = 100;

    public DemoOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(seeds, "seeds");
        if (samplesPerTask < 1) {
            throw new IllegalArgumentException("Invalid samples per task: " + samplesPerTask);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("Invalid number of jobs: " + jobs);
        }
    }
}
