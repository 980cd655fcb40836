package dev.mer.convert.torch;

import java.util.Locale;

/**
 * A tensor element type, known by its storage class ({@code torch.FloatStorage}) or its dtype
 * name ({@code torch.float32}). Table: {@code torch/storage.py} {@code _dtype_to_storage_type_map};
 * see {@code docs/formats/torch-save.md} §3.4.
 */
public enum DType {
    FLOAT64("Double", 8),
    FLOAT32("Float", 4),
    FLOAT16("Half", 2),
    BFLOAT16("BFloat16", 2),
    INT64("Long", 8),
    INT32("Int", 4),
    INT16("Short", 2),
    INT8("Char", 1),
    UINT8("Byte", 1),
    BOOL("Bool", 1),
    COMPLEX128("ComplexDouble", 16),
    COMPLEX64("ComplexFloat", 8),
    /** {@code torch.UntypedStorage}: raw bytes, the element type is given by the tensor. */
    UNTYPED("Untyped", 1);

    private final String storagePrefix;
    private final int size;

    DType(String storagePrefix, int size) {
        this.storagePrefix = storagePrefix;
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** The torch name, e.g. {@code float32}. */
    public String torchName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The dtype of a storage class such as {@code FloatStorage}; null if unknown. Like torch's
     * loader, only the class name counts, not its module ({@code torch.cuda} storages load as CPU).
     */
    public static DType ofStorageClass(String className) {
        for (DType d : values()) {
            if (className.equals(d.storagePrefix + "Storage")) {
                return d;
            }
        }
        return null;
    }

    /** The dtype of a name such as {@code float32} ({@code torch.float32} as a pickled global); null if unknown. */
    public static DType ofTorchName(String name) {
        for (DType d : values()) {
            if (d != UNTYPED && d.torchName().equals(name)) {
                return d;
            }
        }
        return switch (name) {
            case "float", "float32" -> FLOAT32;
            case "double" -> FLOAT64;
            case "long" -> INT64;
            case "int" -> INT32;
            case "uint8" -> UINT8;
            default -> null;
        };
    }
}
