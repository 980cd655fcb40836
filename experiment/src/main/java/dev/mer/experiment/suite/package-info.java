/**
 * {@code mer suite}: every selected grid row × seed, run in-process a few at a time on task-sets
 * opened once, each run's result files written atomically under
 * {@code OUT/runs/<model>_<dataset>_<memories>/seed_<k>.json}, so that a suite resumes where it
 * stopped and a finished run is never recomputed. The runs are numbered as cells
 * ({@link dev.mer.experiment.suite.SuiteCell}) so that one process can run one cell of a job array
 * ({@link dev.mer.experiment.suite.CellChoice}) with the same files as the whole suite.
 */
package dev.mer.experiment.suite;
