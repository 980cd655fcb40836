package dev.mer.experiment.suite;

import dev.mer.experiment.grid.Grid;
import dev.mer.experiment.grid.GridFilter;
import dev.mer.experiment.grid.Seeds;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a suite runs and where.
 *
 * @param grid the grid
 * @param filter the rows selected
 * @param seeds the seeds each row runs with
 * @param jobs runs at a time (see {@link #defaultJobs})
 * @param data the directory holding the task-sets ({@code mnist_rotations} …)
 * @param out the output directory ({@code runs/}, {@code summary.md}, {@code summary.csv})
 * @param samplesPerTask overrides the grid's {@code --samples_per_task} (smaller experiments)
 */
public record SuiteOptions(Grid grid, GridFilter filter, Seeds seeds, int jobs, Path data, Path out,
                           OptionalInt samplesPerTask) {
    /** More runs at a time than this is a typo. */
    public static final int MAX_JOBS = 256;

    public SuiteOptions {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(seeds, "seeds");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(samplesPerTask, "samplesPerTask");
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw new IllegalArgumentException("Invalid number of jobs: " + jobs + " (1 to " + MAX_JOBS + ")");
        }
        if (samplesPerTask.isPresent() && samplesPerTask.getAsInt() == 0) {
            throw new IllegalArgumentException("Invalid samples per task: 0");
        }
    }

    /**
     * Runs at a time by default: half the processors, at least one. A run keeps one thread busy
     * training and a second evaluating snapshots of the weights beside it (see
     * {@code dev.mer.train.Trainer}); ND4J runs single-threaded. Two threads per run therefore
     * fill the cores without oversubscribing them: on the project's 2-core machines, one run at a
     * time.
     */
    public static int defaultJobs() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
