package dev.mer.convert.torch;

/**
 * What a persistent id stands for: a storage, or in torch 0.3/0.4 legacy files a view of one
 * (the id's {@code view_metadata}).
 *
 * @param root the storage holding the bytes
 * @param offset the first element of the view in {@code root}
 * @param numel the view's length in elements
 */
public record StorageSlice(Storage root, long offset, long numel) {
    public StorageSlice {
        if (offset < 0 || numel < 0 || offset + numel > root.numel()) {
            throw new IllegalArgumentException("storage view [" + offset + ", " + (offset + numel)
                    + ") lies outside storage " + root.key() + " of " + root.numel() + " elements");
        }
    }

    /** The whole of {@code root}. */
    public static StorageSlice whole(Storage root) {
        return new StorageSlice(root, 0, root.numel());
    }
}
