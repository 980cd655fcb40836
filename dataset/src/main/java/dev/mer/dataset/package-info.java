/**
 * The Arrow task-set format: the one contract between the writers of continual-learning
 * benchmarks ({@code mer convert}, {@code mer generate}) and the trainer.
 *
 * <p>A task-set is a directory with {@code train.arrow} and {@code test.arrow}, both Arrow IPC
 * <em>file</em> format, columns {@code task} (int32), {@code x} (fixed-size list declared as the
 * canonical {@code arrow.fixed_shape_tensor} extension, uint8 meaning k/255 or float32) and
 * {@code y} (int32), rows grouped by task, one task per record batch. The schema's custom metadata
 * carries the {@link dev.mer.dataset.Manifest} as JSON under {@code mer.manifest}. FORMAT.md at the
 * project root is the normative description.
 *
 * <p>{@link dev.mer.dataset.TaskSetWriter} writes a task-set atomically with bounded memory;
 * {@link dev.mer.dataset.TaskSet} opens one memory-mapped and zero-copy.
 */
package dev.mer.dataset;
