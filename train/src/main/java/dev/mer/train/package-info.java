/**
 * Training in GEM's protocol ({@code life_experience}): a {@link dev.mer.train.learner.Learner}
 * observes the {@link dev.mer.train.continuum.Continuum} batch by batch while the
 * {@link dev.mer.train.Evaluator} measures every task's test accuracy at GEM's points, and the
 * {@link dev.mer.train.Trainer} writes GEM's result files.
 */
package dev.mer.train;
