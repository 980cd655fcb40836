package dev.mer.generate.transform;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A rotation by {@code angle} degrees counter-clockwise about the image centre, exactly as
 * Pillow's {@code Image.fromarray(img, 'L').rotate(angle)} does it with its defaults (nearest
 * neighbour, {@code expand=False}, black fill): the call GEM's {@code data/mnist_rotations.py}
 * makes for every image.
 *
 * <p>Pillow ({@code src/PIL/Image.py} {@code Image.rotate}, {@code src/libImaging/Geometry.c}
 * {@code ImagingTransformAffine} and {@code affine_fixed}, identical from 3.4 through 12.0) builds
 * an inverse affine matrix from {@code cos}/{@code sin} rounded to 15 decimals and then walks the
 * output in 16.16 fixed point, not in floating point; the floating-point loop would differ on a few
 * percent of angles, so this class follows the fixed-point one. Angles of exactly 0, 180 and, for
 * square images, 90 and 270 (after {@code angle % 360}) take Pillow's copy and transpose shortcuts.
 * The derivation, test vectors and verification: {@code docs/formats/pillow-rotation.md}.
 *
 * @param angle degrees, any finite value
 * @param width image columns
 * @param height image rows
 */
public record Rotation(double angle, int width, int height) {
    /** The bound of Pillow's fixed-point path ({@code check_fixed}); larger images would need its float loop. */
    private static final double FIXED_LIMIT = 32768.0;

    public Rotation {
        if (!Double.isFinite(angle)) {
            throw new IllegalArgumentException("Invalid rotation angle: " + angle);
        }
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("Unsupported image size for rotation: " + width + "x" + height);
        }
    }

    /**
     * The six 16.16 fixed-point coefficients of Pillow's {@code affine_fixed}: source column of
     * output pixel (x, y) is {@code (a2 + y*a1 + x*a0) >> 16}, its row {@code (a5 + y*a4 + x*a3) >> 16}.
     */
    public record FixedPoint(int a0, int a1, int a2, int a3, int a4, int a5) {
    }

    /** {@code angle % 360} with Python's sign convention (the result is in [0, 360)). */
    public double normalizedAngle() {
        double r = angle % 360.0;
        if (r < 0) {
            r += 360.0;
        }
        return r == 0 ? 0.0 : r;
    }

    /**
     * The affine matrix {@code Image.rotate} passes to {@code Image.transform}: output to input
     * coordinates, {@code [a, b, c, d, e, f]}.
     */
    public double[] pillowMatrix() {
        double theta = -(normalizedAngle() * (Math.PI / 180.0));
        // StrictMath, not Math: the same bits on every JVM; in 2.5M tested angles both gave
        // glibc's 16.16 coefficients (docs/formats/pillow-rotation.md §4).
        double cos = StrictMath.cos(theta);
        double sin = StrictMath.sin(theta);
        double[] m = {round15(cos), round15(sin), 0.0, round15(-sin), round15(cos), 0.0};
        double cx = width / 2.0;
        double cy = height / 2.0;
        // Image.rotate: matrix[2], matrix[5] = transform(-cx, -cy, matrix); then += cx, cy.
        m[2] = m[0] * -cx + m[1] * -cy + m[2];
        m[5] = m[3] * -cx + m[4] * -cy + m[5];
        m[2] += cx;
        m[5] += cy;
        return m;
    }

    /** Pillow's fixed-point coefficients for this rotation (used unless a shortcut applies). */
    public FixedPoint fixedPoint() {
        double[] a = pillowMatrix();
        if (a[1] == 0 && a[3] == 0) {
            // Pillow would take ImagingScaleAffine: only within ~1e-13 degrees of 0 or 180, but not at them.
            throw new IllegalArgumentException("Unsupported rotation angle " + angle
                    + ": within 1e-13 degrees of a multiple of 180 (use the exact multiple)");
        }
        if (!fits(a, 0, 0) || !fits(a, width, height) || !fits(a, 0, height) || !fits(a, width, 0)) {
            throw new IllegalArgumentException("Unsupported image size for rotation: " + width + "x" + height);
        }
        return new FixedPoint(fix(a[0]), fix(a[1]), fix(a[2] + a[0] * 0.5 + a[1] * 0.5),
                fix(a[3]), fix(a[4]), fix(a[5] + a[3] * 0.5 + a[4] * 0.5));
    }

    /** This rotation as a pixel gather over {@code width*height} row-major pixels. */
    public PixelMap pixelMap() {
        int w = width;
        int h = height;
        int[] src = new int[w * h];
        double r = normalizedAngle();
        if (r == 0.0) {
            for (int i = 0; i < src.length; i++) {
                src[i] = i;
            }
        } else if (r == 180.0) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    src[y * w + x] = (h - 1 - y) * w + (w - 1 - x);
                }
            }
        } else if (r == 90.0 && w == h) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    src[y * w + x] = x * w + (w - 1 - y);
                }
            }
        } else if (r == 270.0 && w == h) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    src[y * w + x] = (h - 1 - x) * w + y;
                }
            }
        } else {
            affineFixed(fixedPoint(), src);
        }
        return PixelMap.of(src);
    }

    /** Rotates one row-major image. */
    public byte[] apply(byte[] image) {
        if (image.length != width * height) {
            throw new IllegalArgumentException("Expected " + width * height + " pixels, got " + image.length);
        }
        byte[] out = new byte[image.length];
        pixelMap().apply(image, 0, out, 0);
        return out;
    }

    private void affineFixed(FixedPoint f, int[] src) {
        int a2 = f.a2();
        int a5 = f.a5();
        for (int y = 0; y < height; y++) {
            int xx = a2;
            int yy = a5;
            for (int x = 0; x < width; x++) {
                int xin = xx >> 16;
                int yin = yy >> 16;
                src[y * width + x] = xin >= 0 && xin < width && yin >= 0 && yin < height
                        ? yin * width + xin : PixelMap.FILL;
                xx += f.a0();
                yy += f.a3();
            }
            a2 += f.a1();
            a5 += f.a4();
        }
    }

    private static boolean fits(double[] a, int x, int y) {
        return Math.abs(x * a[0] + y * a[1] + a[2]) < FIXED_LIMIT && Math.abs(x * a[3] + y * a[4] + a[5]) < FIXED_LIMIT;
    }

    /** Pillow's {@code FIX(v)}: {@code FLOOR(v * 65536.0 + 0.5)}, truncating toward zero for v >= 0. */
    private static int fix(double v) {
        double t = v * 65536.0 + 0.5;
        return t < 0 ? (int) Math.floor(t) : (int) t;
    }

    /** Python 3's correctly rounded {@code round(x, 15)}: half-even on the exact binary value. */
    private static double round15(double x) {
        if (x == 0.0) {
            return x;
        }
        double r = new BigDecimal(x).setScale(15, RoundingMode.HALF_EVEN).doubleValue();
        return r == 0.0 ? Math.copySign(0.0, x) : r;
    }
}
