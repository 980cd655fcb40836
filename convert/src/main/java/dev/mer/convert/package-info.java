/**
 * {@code mer convert}: PyTorch {@code .pt} benchmark files — GEM's and MER's
 * {@code [tasks_tr, tasks_te]} lists of {@code [descriptor, X, Y]} tasks, or GEM's raw
 * {@code (x, y)} — to task-sets, streaming the tensor bytes from the file into the Arrow output
 * in chunks, so memory stays flat whatever the input's size.
 *
 * <p>{@link dev.mer.convert.Converter} is the entry point; {@link dev.mer.convert.TorchBenchmark}
 * says how a file's object tree maps to tasks; the file formats are read by {@link
 * dev.mer.convert.torch} and the pickles by {@link dev.mer.convert.pickle}, which never runs code.
 */
package dev.mer.convert;
