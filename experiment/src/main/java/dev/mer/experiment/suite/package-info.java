/**
 * {@code mer suite}: every selected grid row × seed, run in-process a few at a time on task-sets
 * opened once, each run's result files written atomically under
 * {@code OUT/runs/<model>_<dataset>_<memories>/seed_<k>.json}, so that a suite resumes where it
 * stopped and a finished run is never recomputed.
 */
package dev.mer.experiment.suite;
