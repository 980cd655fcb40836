package dev.mer.convert.torch;

import java.util.Objects;

/**
 * One storage of a {@code torch.save} file: a flat array whose bytes lie in the file.
 *
 * @param key the storage's key in the file (a pointer string in legacy files, "0", "1", … in zip files)
 * @param dtype its element type
 * @param numel its length in elements ({@code dtype.size()} bytes each)
 */
public record Storage(String key, DType dtype, long numel) {
    public Storage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dtype, "dtype");
        if (numel < 0 || numel > Long.MAX_VALUE / 16) {
            throw new IllegalArgumentException("Invalid storage length: " + numel);
        }
    }

    /** Its length in bytes. */
    public long nbytes() {
        return numel * dtype.size();
    }
}
