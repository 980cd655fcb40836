package dev.mer.report;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serial;
import org.jfree.chart.renderer.PaintScale;

/**
 * matplotlib's viridis colour map (perceptually uniform, readable in grey and by colour-blind
 * readers), interpolated between nine of its published stops.
 *
 * @param lower the value drawn darkest
 * @param upper the value drawn brightest
 */
record Viridis(double lower, double upper) implements PaintScale {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int[] STOPS = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
        0xaadc32, 0xfde725};

    Viridis {
        if (!(upper > lower)) {
            throw new IllegalArgumentException("Invalid colour scale range: " + lower + " to " + upper);
        }
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        return colour(value);
    }

    /** The colour of {@code value}, clamped to the range; NaN is white. */
    Color colour(double value) {
        if (Double.isNaN(value)) {
            return Color.WHITE;
        }
        double f = Math.min(1, Math.max(0, (value - lower) / (upper - lower))) * (STOPS.length - 1);
        int i = Math.min((int) f, STOPS.length - 2);
        double w = f - i;
        Color a = new Color(STOPS[i]);
        Color b = new Color(STOPS[i + 1]);
        return new Color(mix(a.getRed(), b.getRed(), w), mix(a.getGreen(), b.getGreen(), w),
                mix(a.getBlue(), b.getBlue(), w));
    }

    /** Black on the bright end of the map, white on the dark end. */
    Color textOn(double value) {
        Color c = colour(value);
        double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
        return luminance > 120 ? Color.BLACK : Color.WHITE;
    }

    private static int mix(int a, int b, double w) {
        return (int) Math.round(a + (b - a) * w);
    }
}
