/**
 * The paper's experiment grid as data: the 57 runs of {@code mer_examples.sh} (a resource of this
 * package) or a user's grid in the same tab-separated format, the common flags every run of the
 * script passes, filters over rows and seed sets.
 */
package dev.mer.experiment.grid;
