package dev.mer.generate;

import dev.mer.dataset.TaskKind;
import java.util.Locale;

/**
 * The benchmarks {@code mer generate} makes, with the paper's defaults; each names the
 * {@link BenchmarkFamily} that makes its tasks. A new family is one implementation of it and one
 * constant here.
 */
public enum Benchmark {
    /** MNIST Rotations: each task rotates every image by its own angle. */
    ROTATIONS(TaskKind.ROTATION, 20, "data/mnist_rotations", new RotationFamily()),
    /** MNIST Permutations: each task shuffles the pixels of every image by its own permutation. */
    PERMUTATIONS(TaskKind.PERMUTATION, 20, "data/mnist_permutations", new PermutationFamily()),
    /** Many Permutations: the same with 100 tasks (MER subsamples 200 examples per task). */
    MANY_PERMUTATIONS(TaskKind.PERMUTATION, 100, "data/mnist_manypermutations", new PermutationFamily());

    private final TaskKind kind;
    private final int defaultTasks;
    private final String defaultOutput;
    private final BenchmarkFamily family;

    Benchmark(TaskKind kind, int defaultTasks, String defaultOutput, BenchmarkFamily family) {
        this.kind = kind;
        this.defaultTasks = defaultTasks;
        this.defaultOutput = defaultOutput;
        this.family = family;
    }

    /** How its tasks differ: their transforms, parameters and recorded settings. */
    BenchmarkFamily family() {
        return family;
    }

    /** The kind of each of its tasks. */
    public TaskKind kind() {
        return kind;
    }

    /** The paper's number of tasks. */
    public int defaultTasks() {
        return defaultTasks;
    }

    /** Where the other mer commands look for it, relative to the working directory. */
    public String defaultOutput() {
        return defaultOutput;
    }

    /** The settings spelling, e.g. {@code many-permutations}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
