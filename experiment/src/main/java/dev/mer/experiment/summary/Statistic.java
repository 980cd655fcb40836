package dev.mer.experiment.summary;

import java.util.Locale;

/**
 * The mean and sample standard deviation (n − 1 in the denominator, as numpy's {@code ddof=1} and
 * the paper's ± figures) of one metric over seeds.
 *
 * @param n how many values
 * @param mean their mean
 * @param std their sample standard deviation; NaN for a single value
 */
public record Statistic(int n, double mean, double std) {
    public Statistic {
        if (n < 1) {
            throw new IllegalArgumentException("A statistic of no value");
        }
    }

    /** The statistic of {@code values} (at least one). */
    public static Statistic of(double... values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("A statistic of no value");
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        if (n == 1) {
            return new Statistic(1, mean, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return new Statistic(n, mean, Math.sqrt(ss / (n - 1)));
    }

    /** {@code mean ± std} with {@code decimals} decimals, or just the mean for a single value. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return Double.isNaN(std) ? String.format(Locale.ROOT, f, mean)
                : String.format(Locale.ROOT, f + " ± " + f, mean, std);
    }
}
