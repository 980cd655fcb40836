package dev.mer.generate;

import dev.mer.dataset.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to generate: everything that decides the content of the output (and nothing that does
 * not, such as the thread count). Checked whole when made: the options that go together, and each
 * value; {@link #builder()} makes them from a command line's options as given.
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
    /** The lower end of the paper's rotation range, in degrees. */
    public static final double MIN_ROTATION = 0;
    /** The upper end of the paper's rotation range, in degrees. */
    public static final double MAX_ROTATION = 180;

    public GenerateOptions {
        Objects.requireNonNull(benchmark, "benchmark");
        angles = List.copyOf(angles);
        boolean range = minRotation != MIN_ROTATION || maxRotation != MAX_ROTATION;
        if (!angles.isEmpty() && range) {
            throw new IllegalArgumentException("--min-rot and --max-rot do not apply to given angles");
        }
        if (benchmark != Benchmark.ROTATIONS && range) {
            throw new IllegalArgumentException("--min-rot and --max-rot apply to rotations only");
        }
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
        return new GenerateOptions(benchmark, benchmark.defaultTasks(), MIN_ROTATION, MAX_ROTATION, List.of(), null, 0,
                false, ALL_ROWS, ALL_ROWS);
    }

    /** Options from a command line's, as given: see {@link Builder#build}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads the rotation angles of another task-set ({@code --angles-from DIR}). */
    @FunctionalInterface
    public interface AnglesReader {
        List<Double> read(Path taskSet) throws IOException;
    }

    /**
     * A command line's options as given, each {@code null} (or its default) when absent: one of
     * {@code --rotations}, {@code --permutations} and {@code --many-permutations} with its task
     * count, or rotations at given angles ({@code --angles}, {@code --angles-from}).
     */
    public static final class Builder {
        private Integer rotations;
        private Integer permutations;
        private Integer manyPermutations;
        private double minRotation = MIN_ROTATION;
        private double maxRotation = MAX_ROTATION;
        private List<Double> angles;
        private Path anglesFrom;
        private long seed;
        private boolean identityFirst;
        private Integer trainPerTask;
        private Integer testPerTask;

        private Builder() {
        }

        /** The number of tasks of each benchmark named, {@code null} for those not named. */
        public Builder tasks(Integer rotations, Integer permutations, Integer manyPermutations) {
            this.rotations = rotations;
            this.permutations = permutations;
            this.manyPermutations = manyPermutations;
            return this;
        }

        /** The range angles are drawn in. */
        public Builder rotationRange(double min, double max) {
            this.minRotation = min;
            this.maxRotation = max;
            return this;
        }

        /** Given angles, or {@code null}. */
        public Builder angles(List<Double> given) {
            this.angles = given;
            return this;
        }

        /** The task-set whose angles to take, or {@code null}. */
        public Builder anglesFrom(Path taskSet) {
            this.anglesFrom = taskSet;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder identityFirst(boolean identity) {
            this.identityFirst = identity;
            return this;
        }

        /** Images per task of each split, {@code null} for all. */
        public Builder rowsPerTask(Integer train, Integer test) {
            this.trainPerTask = train;
            this.testPerTask = test;
            return this;
        }

        /**
         * The options: the benchmark named (rotations when only angles are given), its task count
         * (the angles' when given), the angles read with {@code reader} from {@code anglesFrom}.
         *
         * @throws InvalidInputException if the options do not go together or a value is invalid,
         *     one line naming the options
         */
        public GenerateOptions build(AnglesReader reader) throws IOException {
            int kinds = (rotations != null ? 1 : 0) + (permutations != null ? 1 : 0)
                    + (manyPermutations != null ? 1 : 0);
            boolean givenAngles = angles != null || anglesFrom != null;
            if (angles != null && anglesFrom != null) {
                throw new InvalidInputException(null, "give --angles or --angles-from, not both");
            }
            if (kinds > 1 || (givenAngles && (permutations != null || manyPermutations != null))) {
                throw new InvalidInputException(null,
                        "choose one of --rotations, --permutations and --many-permutations");
            }
            if (kinds == 0 && !givenAngles) {
                throw new InvalidInputException(null, "choose --rotations, --permutations or --many-permutations"
                        + " (see 'mer generate --help')");
            }
            Benchmark benchmark = permutations != null ? Benchmark.PERMUTATIONS
                    : manyPermutations != null ? Benchmark.MANY_PERMUTATIONS : Benchmark.ROTATIONS;
            int tasks = permutations != null ? permutations : manyPermutations != null ? manyPermutations
                    : rotations != null ? rotations : 0;
            List<Double> given = List.of();
            String origin = null;
            if (angles != null) {
                given = new ArrayList<>(angles);
                origin = "given";
            } else if (anglesFrom != null) {
                given = reader.read(anglesFrom);
                origin = "from " + anglesFrom.getFileName();
            }
            if (givenAngles) {
                if (rotations != null && rotations != given.size()) {
                    throw new InvalidInputException(anglesFrom, "--rotations " + rotations + " but " + given.size()
                            + " angles given");
                }
                tasks = given.size();
            }
            try {
                return new GenerateOptions(benchmark, tasks, minRotation, maxRotation, given, origin, seed,
                        identityFirst, trainPerTask == null ? ALL_ROWS : trainPerTask,
                        testPerTask == null ? ALL_ROWS : testPerTask);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(null, e.getMessage());
            }
        }
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
