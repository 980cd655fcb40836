/**
 * The two {@code torch.save} file formats, read into a small object model without loading any
 * tensor data: {@link dev.mer.convert.torch.TorchFile} holds the unpickled object tree, in which
 * every tensor is a {@link dev.mer.convert.torch.Tensor} (storage, offset, size, stride, dtype),
 * and knows where each {@link dev.mer.convert.torch.Storage}'s bytes lie in the file, so callers
 * can stream them.
 *
 * <ul>
 *   <li>Legacy (torch 0.1.10–1.5, and {@code _use_new_zipfile_serialization=False}): five pickles
 *       then every storage's raw bytes, each preceded by its int64 element count
 *       ({@code torch/serialization.py} {@code _legacy_save}/{@code _legacy_load}).</li>
 *   <li>Zip (default since 1.6): an uncompressed ZIP64 archive with {@code <prefix>/data.pkl} and
 *       one record {@code <prefix>/data/<key>} per storage ({@code caffe2/serialize/inline_container.cc}).</li>
 * </ul>
 *
 * <p>Writing: {@link dev.mer.convert.torch.TorchSave} writes a value tree holding
 * {@link dev.mer.convert.torch.TensorData} tensors in the zip format, byte for byte as torch 1.13's
 * {@code torch.save} does ({@link dev.mer.convert.torch.StateDict} builds a module's
 * {@code state_dict()}).
 *
 * <p>Byte-level details and sources: {@code docs/formats/torch-save.md} (§1 legacy, §2 zip, §3
 * tensors and storages in the pickle, §5 telling the formats apart, §8 writing).
 */
package dev.mer.convert.torch;
