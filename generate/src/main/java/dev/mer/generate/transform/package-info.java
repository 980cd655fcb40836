/**
 * The per-task image transforms of the MNIST Rotations and Permutations benchmarks, reduced to a
 * {@link dev.mer.generate.transform.PixelMap}: which source pixel each output pixel takes.
 *
 * <p>{@link dev.mer.generate.transform.Rotation} reproduces Pillow's
 * {@code Image.rotate(angle)} (nearest neighbour, no expansion, black fill) bit for bit, as GEM's
 * {@code data/mnist_rotations.py} calls it; {@link dev.mer.generate.transform.Permutation} is
 * GEM's {@code x.index_select(1, p)}.
 */
package dev.mer.generate.transform;
