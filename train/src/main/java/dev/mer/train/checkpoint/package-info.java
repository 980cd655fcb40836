/**
 * Checkpoints: everything the rest of a run depends on, written while it trains so that a stopped
 * run (a signal, a cluster's time limit, a killed process) continues where it was and ends with
 * the result files of the uninterrupted run. {@link dev.mer.train.checkpoint.CheckpointFile} is the
 * versioned binary file (FORMAT.md, "Checkpoints"), {@link dev.mer.train.checkpoint.StateWriter}
 * and {@link dev.mer.train.checkpoint.StateReader} its named, typed fields, through which each
 * learner writes and reads its own state; {@link dev.mer.train.checkpoint.CheckpointPolicy} says
 * when a run writes one and whether it resumes.
 */
package dev.mer.train.checkpoint;
