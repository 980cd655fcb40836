/**
 * The continuum: the stream of tasks a continual learner sees — GEM's {@code Continuum}, drawn with
 * the reference's own random streams so that the same seed gives the same examples in the same
 * order — and whole tasks as ND4J matrices for batched evaluation.
 */
package dev.mer.train.continuum;
