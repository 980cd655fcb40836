/**
 * Reading of IDX files, the format of MNIST, Fashion-MNIST, KMNIST and their kin, gzip-compressed
 * or not.
 *
 * <p>The format (LeCun, Cortes and Burges, <a href="http://yann.lecun.com/exdb/mnist/">THE MNIST
 * DATABASE</a>, section "FILE FORMATS"): a big-endian magic {@code 00 00 TT ND} with element type
 * {@code TT} and {@code ND} dimensions, the dimensions as big-endian int32, then the elements in C
 * order. {@link dev.mer.generate.idx.IdxReader} reads one file; {@link
 * dev.mer.generate.idx.IdxDataset} pairs the four files of a train/test image set and checks that
 * they agree. Summary and sources: {@code docs/formats/idx.md}.
 */
package dev.mer.generate.idx;
