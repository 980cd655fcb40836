/**
 * Episodic memories of the replay learners: the reservoir of MER's Algorithms 1 and 4–7, and the
 * Reptile interpolation that MER applies to the weights after its replay steps.
 */
package dev.mer.train.memory;
