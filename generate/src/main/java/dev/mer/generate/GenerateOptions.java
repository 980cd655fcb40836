package dev.mer.generate;

import java.util.List;
import java.util.Objects;

/**
 * What to generate: everything that decides the content of the output (and nothing that does
 * not, such as the thread count).
 *
 * @param benchmark the benchmark family
 * @param tasks the number of tasks, at least 1
 * @param minRotation lower end of the rotation range in degrees (rotations only)
 * @param maxRotation upper end of the rotation range, at least {@code minRotation}
 * @param angles given rotation angles, one per task; empty to draw them in the range
 * @param anglesOrigin where given angles came from, recorded in the manifest (e.g. {@code given}
 *     or {@code from mnist_rotations}); ignored when angles are drawn
 * @param seed the seed of every random draw
 * @param identityFirst make task 0 the identity permutation (permutations only)
 * @param trainPerTask train images per task, or {@link #ALL_ROWS}
 * @param testPerTask test images per task, or {@link #ALL_ROWS}
 */
public record GenerateOptions(Benchmark benchmark, int tasks, double minRotation, double maxRotation,
                              List<Double> angles, String anglesOrigin, long seed, boolean identityFirst,
                              int trainPerTask, int testPerTask) {
    /** Every image of the split in every task, in source order. */
    public static final int ALL_ROWS = -1;

    public GenerateOptions {
        Objects.requireNonNull(benchmark, "benchmark");
        angles = List.copyOf(angles);
        if (tasks <= 0) {
            throw new IllegalArgumentException("Invalid number of tasks: " + tasks + " (must be at least 1)");
        }
        if (!Double.isFinite(minRotation) || !Double.isFinite(maxRotation)) {
            throw new IllegalArgumentException("Invalid rotation range: [" + minRotation + ", " + maxRotation + ")");
        }
        if (minRotation > maxRotation) {
            throw new IllegalArgumentException("Invalid rotation range: minimum " + minRotation
                    + " exceeds maximum " + maxRotation);
        }
        if (!angles.isEmpty()) {
            if (benchmark != Benchmark.ROTATIONS) {
                throw new IllegalArgumentException("Angles apply to rotations only, not " + benchmark.jsonName());
            }
            if (angles.size() != tasks) {
                throw new IllegalArgumentException("Invalid number of tasks: " + tasks + " for " + angles.size()
                        + " given angles");
            }
            for (double a : angles) {
                if (!Double.isFinite(a)) {
                    throw new IllegalArgumentException("Invalid rotation angle: " + a);
                }
            }
            Objects.requireNonNull(anglesOrigin, "anglesOrigin");
        }
        if (identityFirst && benchmark == Benchmark.ROTATIONS) {
            throw new IllegalArgumentException("An identity first task applies to permutations only");
        }
        if (trainPerTask != ALL_ROWS && trainPerTask <= 0) {
            throw new IllegalArgumentException("Invalid train images per task: " + trainPerTask);
        }
        if (testPerTask != ALL_ROWS && testPerTask <= 0) {
            throw new IllegalArgumentException("Invalid test images per task: " + testPerTask);
        }
    }

    /** The paper's settings for {@code benchmark}: its task count, [0, 180), seed 0, every image. */
    public static GenerateOptions defaults(Benchmark benchmark) {
        return new GenerateOptions(benchmark, benchmark.defaultTasks(), 0, 180, List.of(), null, 0, false,
                ALL_ROWS, ALL_ROWS);
    }

    /** These options with another task count. */
    public GenerateOptions withTasks(int n) {
        return new GenerateOptions(benchmark, n, minRotation, maxRotation, angles, anglesOrigin, seed, identityFirst,
                trainPerTask, testPerTask);
    }

    /** These options with another seed. */
    public GenerateOptions withSeed(long s) {
        return new GenerateOptions(benchmark, tasks, minRotation, maxRotation, angles, anglesOrigin, s, identityFirst,
                trainPerTask, testPerTask);
    }

    /** These options with subsampling. */
    public GenerateOptions withRowsPerTask(int train, int test) {
        return new GenerateOptions(benchmark, tasks, minRotation, maxRotation, angles, anglesOrigin, seed,
                identityFirst, train, test);
    }
}
