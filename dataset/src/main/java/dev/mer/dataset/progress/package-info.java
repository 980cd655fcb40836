/**
 * {@link dev.mer.dataset.progress.Progress}: how far a long piece of work has come, the one
 * vocabulary in which every stage (download, conversion, generation) reports it and the command
 * line draws it. Stages with events of their own add them: a download's attempts and retries extend
 * it, a training run publishes its accuracy, a suite its finished runs.
 */
package dev.mer.dataset.progress;
