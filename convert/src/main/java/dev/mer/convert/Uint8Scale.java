package dev.mer.convert;

/**
 * The exact {@code k/255} test and conversion: a float32 value is representable in the uint8
 * encoding iff it has the bit pattern of {@code (float) k / 255f} for some {@code k} in
 * [0, 255] — the values torchvision's {@code ToTensor} (and GEM's {@code x.float() / 255}) produce.
 * Comparing bit patterns makes {@code -0.0} and NaN fail, as they must: they would not survive
 * the round trip. Why torch's values are exactly these: {@code docs/formats/to-tensor.md}.
 */
final class Uint8Scale {
    private static final int[] BITS = new int[256];

    static {
        for (int k = 0; k < 256; k++) {
            BITS[k] = Float.floatToRawIntBits((float) k / 255f);
        }
    }

    private Uint8Scale() {
    }

    /**
     * Converts {@code n} values to bytes {@code k}; returns -1 if all were exactly {@code k/255},
     * else the index of the first that was not (the bytes before it are valid).
     */
    static int encode(float[] src, byte[] dst, int n) {
        for (int i = 0; i < n; i++) {
            float f = src[i];
            int k = (int) (f * 255f + 0.5f);
            if (k < 0 || k > 255 || BITS[k] != Float.floatToRawIntBits(f)) {
                return i;
            }
            dst[i] = (byte) k;
        }
        return -1;
    }

    /** {@code (float) k / 255f} for every byte. */
    static void decode(byte[] src, float[] dst, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = Float.intBitsToFloat(BITS[src[i] & 0xFF]);
        }
    }
}
