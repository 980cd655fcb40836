package dev.mer.convert.torch;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor as pickled by {@code torch.save}: a strided window on a storage. No data is held.
 *
 * @param storage the storage holding the elements
 * @param offset the index in {@code storage} of the first element, in elements
 * @param size the size of each dimension
 * @param stride the step in elements along each dimension
 * @param dtype the element type (the storage's, except for untyped storages)
 */
public record Tensor(Storage storage, long offset, long[] size, long[] stride, DType dtype) {
    public Tensor {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(dtype, "dtype");
        size = size.clone();
        stride = stride.clone();
        if (size.length != stride.length) {
            throw new IllegalArgumentException("size " + Arrays.toString(size) + " and stride "
                    + Arrays.toString(stride) + " differ in length");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("negative storage offset " + offset);
        }
        long last = offset;
        boolean empty = false;
        for (int i = 0; i < size.length; i++) {
            if (size[i] < 0 || stride[i] < 0) {
                throw new IllegalArgumentException("negative size or stride: size " + Arrays.toString(size)
                        + ", stride " + Arrays.toString(stride));
            }
            empty |= size[i] == 0;
            last += (size[i] - 1) * stride[i];
        }
        long storageElements = storage.nbytes() / dtype.size();
        if (!empty && last >= storageElements) {
            throw new IllegalArgumentException("tensor of size " + Arrays.toString(size) + ", stride "
                    + Arrays.toString(stride) + " at offset " + offset + " reaches element " + last
                    + " of a storage of " + storageElements);
        }
    }

    /** The number of elements. */
    public long numel() {
        long n = 1;
        for (long s : size) {
            n *= s;
        }
        return n;
    }

    /** Whether the elements are laid out row-major without gaps, so they can be streamed in order. */
    public boolean isContiguous() {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }

    /** Byte offset of the first element within its storage. */
    public long byteOffset() {
        return offset * dtype.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && storage.equals(t.storage) && offset == t.offset
                && Arrays.equals(size, t.size) && Arrays.equals(stride, t.stride) && dtype == t.dtype;
    }

    @Override
    public int hashCode() {
        return Objects.hash(storage, offset, Arrays.hashCode(size), Arrays.hashCode(stride), dtype);
    }

    @Override
    public String toString() {
        return "tensor(" + dtype.torchName() + ", size " + Arrays.toString(size) + ", stride "
                + Arrays.toString(stride) + ", storage " + storage.key() + " at " + offset + ")";
    }
}
