/**
 * Training in GEM's protocol ({@code life_experience}): a {@link dev.mer.train.learner.Learner}
 * observes the {@link dev.mer.train.continuum.Continuum} batch by batch while the
 * {@link dev.mer.train.Evaluator} measures every task's test accuracy at GEM's points, and
 * {@link dev.mer.train.ResultFiles} writes GEM's result files. main.py's command line is
 * {@link dev.mer.train.Flags} (each flag once), {@link dev.mer.train.TrainArguments} (a command
 * line as given) and {@link dev.mer.train.TrainConfig} (a run's typed configuration);
 * {@link dev.mer.train.ResultFile} is the schema of the JSON result file, for writing and reading.
 */
package dev.mer.train;
