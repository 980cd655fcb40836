/**
 * {@code mer generate}'s library: the MNIST Rotations, Permutations and Many Permutations
 * benchmarks (Lopez-Paz and Ranzato, GEM, NeurIPS 2017; Riemer et al., MER, ICLR 2019) made from
 * any MNIST-format IDX image set and written as a task-set.
 *
 * <p>{@link dev.mer.generate.Generator} plans the tasks from {@link
 * dev.mer.generate.GenerateOptions} (angles drawn as GEM's script draws them but seeded,
 * permutations exactly as torch draws them, optional subsets), computes them on a few threads and
 * streams them in order into a {@link dev.mer.dataset.TaskSetWriter}, reporting {@link
 * dev.mer.generate.Progress}. Reading the source lives in {@code idx}, the transforms in
 * {@code transform}; the torch and Python random streams come from {@code dev.mer.random}.
 * The embedded MNIST sample is the resource folder {@code sample/} beside this package ({@link
 * dev.mer.generate.idx.IdxDataset#sample()}).
 */
package dev.mer.generate;
