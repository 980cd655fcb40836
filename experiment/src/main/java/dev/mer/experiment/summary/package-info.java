/**
 * Runs summarised over seeds per model × dataset × memory size: mean ± sample standard deviation of
 * RA, LA and BTI, the figures the paper's tables report.
 */
package dev.mer.experiment.summary;
