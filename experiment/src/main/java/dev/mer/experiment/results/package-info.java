/**
 * Finished runs read back from their result files: the one input of summaries, reports and the
 * suite's resumption.
 */
package dev.mer.experiment.results;
