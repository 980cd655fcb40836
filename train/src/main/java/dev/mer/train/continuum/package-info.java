/**
 * The continuum: the stream of tasks a continual learner sees, read from a memory-mapped
 * task-set, and whole tasks as ND4J matrices for batched work such as evaluation. (The stream
 * itself, GEM's {@code Continuum}, arrives with the train issue.)
 */
package dev.mer.train.continuum;
