package dev.mer.dataset;

import java.util.Locale;

/**
 * How the inputs {@code x} are stored. MNIST-derived benchmarks are exactly representable as
 * {@code k/255} with {@code k} a byte, which is lossless and four times smaller than float32.
 */
public enum XEncoding {
    /** One unsigned byte per value; byte {@code k} means {@code (float) k / 255f}. */
    UINT8(1),
    /** One IEEE-754 single per value, stored as is. */
    FLOAT32(4);

    private final int bytesPerValue;

    XEncoding(int bytesPerValue) {
        this.bytesPerValue = bytesPerValue;
    }

    /** Size in bytes of one stored input value. */
    public int bytesPerValue() {
        return bytesPerValue;
    }

    /** The manifest spelling: {@code uint8} or {@code float32}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the manifest spelling; throws {@link IllegalArgumentException} naming the value. */
    public static XEncoding fromJsonName(String name) {
        for (XEncoding e : values()) {
            if (e.jsonName().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown x encoding '" + name + "' (expected uint8 or float32)");
    }
}
