package dev.mer.generate.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RotationTest {
    private static byte[] pattern() {
        byte[] img = new byte[28 * 28];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                img[y * 28 + x] = (byte) ((28 * y + x) % 256);
            }
        }
        return img;
    }

    /** docs/formats/pillow-rotation.md §3: Pillow 9.4 on the pattern (28y + x) % 256. */
    @ParameterizedTest(name = "{0} degrees")
    @CsvSource({
        "30.0,   56756, -32768, 32768,  56756,  593668, -291068, 5d7985d8, 83316",
        "45.0,   46341, -46341, 46341,  46341,  917504, -333702, 5b0c8a75, 79586",
        "12.345, 64021, -14011, 14011,  64021,  242379, -135930, b6b733b6, 89594",
        "89.5,     572, -65534, 65534,    572, 1794486,   25081, db678e51, 98040",
        "135.0, -46341, -46341, 46341, -46341, 2168710,  917504, 1269c526, 79566",
        "171.25, -64773, -9970,  9970, -64773, 1926532, 1657354, 105b358d, 93554"})
    void rotatesThePatternLikePillow(double angle, int a0, int a1, int a3, int a4, int a2, int a5, String crc, long sum) {
        Rotation r = new Rotation(angle, 28, 28);
        assertEquals(new Rotation.FixedPoint(a0, a1, a2, a3, a4, a5), r.fixedPoint());
        byte[] out = r.apply(pattern());
        CRC32 c = new CRC32();
        c.update(out);
        assertEquals(Long.parseLong(crc, 16), c.getValue());
        long s = 0;
        for (byte b : out) {
            s += b & 0xff;
        }
        assertEquals(sum, s);
    }

    static Stream<PillowRotations.Rotated> pillowRotations() throws IOException {
        return PillowRotations.load().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pillowRotations")
    void rotatesBitForBitLikePillow(PillowRotations.Rotated expected) {
        PillowRotations.Image img = expected.image();
        byte[] out = new Rotation(expected.angle(), img.width(), img.height()).apply(img.pixels());
        assertArrayEquals(expected.pixels(), out);
    }

    @Test
    void theFixtureCoversShortcutsNegativesFractionsAndNonSquareImages() throws IOException {
        List<PillowRotations.Rotated> all = PillowRotations.load();
        assertEquals(6 * 20, all.size());
        assertTrue(all.stream().anyMatch(r -> r.angle() < 0));
        assertTrue(all.stream().anyMatch(r -> r.angle() == 0 || r.angle() == 90 || r.angle() == 180));
        assertTrue(all.stream().anyMatch(r -> r.angle() != Math.rint(r.angle())));
        assertTrue(all.stream().anyMatch(r -> r.image().width() != r.image().height()));
    }

    @Test
    void zeroAndFullTurnsCopy() {
        byte[] p = pattern();
        assertArrayEquals(p, new Rotation(0, 28, 28).apply(p));
        assertArrayEquals(p, new Rotation(360, 28, 28).apply(p));
        assertArrayEquals(p, new Rotation(-720, 28, 28).apply(p));
    }

    @Test
    void ninetyDegreesIsCounterClockwise() {
        byte[] img = new byte[4];
        img[1] = 1; // top right
        byte[] out = new Rotation(90, 2, 2).apply(img);
        assertEquals(1, out[0], "top right goes to top left");
    }

    @Test
    void anglesBarelyOffAMultipleOf180AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Rotation(1e-15, 28, 28).pixelMap());
        assertThrows(IllegalArgumentException.class, () -> new Rotation(Double.NaN, 28, 28));
    }
}
