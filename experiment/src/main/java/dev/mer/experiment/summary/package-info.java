/**
 * Runs summarised over seeds per model × dataset × memory size: mean ± sample standard deviation of
 * RA, LA and BTI, the figures the paper's tables report ({@link dev.mer.experiment.summary.Summary},
 * {@link dev.mer.experiment.summary.SummaryTables}), and what the report's figures draw, computed
 * here: accuracy over the stream averaged over seeds with the task boundaries
 * ({@link dev.mer.experiment.summary.Curve}) and the mean accuracy matrix
 * ({@link dev.mer.experiment.summary.MeanMatrix}).
 */
package dev.mer.experiment.summary;
