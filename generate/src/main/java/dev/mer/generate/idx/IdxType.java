package dev.mer.generate.idx;

/** The element types an IDX header can announce (the third byte of the magic number). */
public enum IdxType {
    /** {@code 0x08}: unsigned byte, the type of every MNIST-format image and label file. */
    UNSIGNED_BYTE(0x08, 1),
    /** {@code 0x09}: signed byte. */
    SIGNED_BYTE(0x09, 1),
    /** {@code 0x0B}: big-endian int16. */
    SHORT(0x0B, 2),
    /** {@code 0x0C}: big-endian int32. */
    INT(0x0C, 4),
    /** {@code 0x0D}: big-endian float32. */
    FLOAT(0x0D, 4),
    /** {@code 0x0E}: big-endian float64. */
    DOUBLE(0x0E, 8);

    private final int code;
    private final int bytes;

    IdxType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The type byte of the magic number. */
    public int code() {
        return code;
    }

    /** The size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /**
     * The type of a type byte.
     *
     * @throws IllegalArgumentException for a byte the IDX format does not define
     */
    public static IdxType fromCode(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException(String.format("unknown IDX element type 0x%02X", code));
    }
}
