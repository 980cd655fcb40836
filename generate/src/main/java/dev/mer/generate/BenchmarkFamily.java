package dev.mer.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.dataset.InvalidInputException;
import dev.mer.generate.idx.IdxDataset;
import java.util.List;

/**
 * What makes the tasks of one benchmark family differ from each other: the transform of each
 * task's images, the parameter its manifest entry records, and the settings that say how they were
 * drawn. One implementation per family ({@link RotationFamily}, {@link PermutationFamily}), named
 * by a {@link Benchmark}; the {@link Generator} does the rest (subsampling, the parallel writing,
 * the manifest) the same for every family.
 */
interface BenchmarkFamily {
    /**
     * Every task's transform and manifest parameter, in task order, drawn from the options' seed.
     *
     * @throws InvalidInputException if a task cannot be made from {@code source}
     */
    List<TaskTransform> transforms(GenerateOptions options, IdxDataset source) throws InvalidInputException;

    /** Records how the tasks were drawn in the manifest's settings (after the benchmark, tasks and seed). */
    void describe(GenerateOptions options, ObjectNode settings);
}
