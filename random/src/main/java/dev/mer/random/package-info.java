/**
 * Random numbers drawn exactly as the original Python code draws them — PyTorch's CPU generator
 * ({@code torch.manual_seed}, {@code torch.randperm}) and CPython's {@code random} module — so that
 * benchmarks and training orders made by the original scripts can be reproduced from their seeds.
 * Both are the 32-bit Mersenne Twister (Matsumoto and Nishimura 1998) with different seeding.
 *
 * <p>Algorithms, sources and what was checked against which versions:
 * {@code docs/formats/random-streams.md}.
 */
package dev.mer.random;
