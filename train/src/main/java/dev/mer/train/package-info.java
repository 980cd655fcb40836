/**
 * The trainer: continuum, learners, evaluation protocol, metrics and result files. (Module created
 * with the build; its content arrives with the train issues.)
 */
package dev.mer.train;
