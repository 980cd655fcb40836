package dev.mer.cli;

import dev.mer.dataset.DiskSpace;

import java.util.Locale;

/** Human-readable quantities for terminal output. */
final class Units {
    private Units() {
    }

    /** {@code 4123456789} as {@code 4.1 GB} (SI units, as the datasets' published sizes). */
    static String bytes(long n) {
        return DiskSpace.describe(n);
    }

    /** Seconds as {@code 1:02:03} or {@code 2:03}. */
    static String duration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
