/** JMH benchmarks of the task-set reader and, later, the trainer's kernels. */
package dev.mer.bench;
