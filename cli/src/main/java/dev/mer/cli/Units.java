package dev.mer.cli;

import java.util.Locale;

/** Human-readable quantities for terminal output. */
final class Units {
    private Units() {
    }

    /** {@code 4123456789} as {@code 4.1 GB} (SI units, as the datasets' published sizes). */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
