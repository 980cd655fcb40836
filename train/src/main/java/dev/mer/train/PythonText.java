package dev.mer.train;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Values printed as Python prints them, for the files and lines that must read like the
 * reference's: {@code repr} of a float and {@code str} of a dict of arguments.
 */
public final class PythonText {
    private PythonText() {
    }

    /** Python's {@code str(dict)} of text, booleans, ints and floats, in the map's order. */
    public static String dictRepr(Map<String, ?> map) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('\'').append(e.getKey()).append("': ");
            Object v = e.getValue();
            if (v instanceof String str) {
                sb.append('\'').append(str).append('\'');
            } else if (v instanceof Boolean b) {
                sb.append(b ? "True" : "False");
            } else if (v instanceof Double d) {
                sb.append(floatRepr(d));
            } else {
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }

    /**
     * Python's {@code '%.Nf' % x}: the exact binary value of {@code x} correctly rounded to
     * {@code decimals} places, ties to even ({@code 0.0625} gives {@code 0.062}, where Java's
     * formatter gives {@code 0.063}); a negative value that rounds to zero keeps its sign.
     */
    public static String fixed(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(x).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
        return (Double.doubleToRawLongBits(x) < 0 && !s.startsWith("-")) ? "-" + s : s;
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, as Java's Double.toString mostly is. */
    public static String floatRepr(double d) {
        String s = Double.toString(d);
        if (s.contains("E")) {
            // Java 1.0E-4 -> Python 0.0001; Python switches to exponents below 1e-4 and at 1e16
            double abs = Math.abs(d);
            if (abs >= 1e-4 && abs < 1e16) {
                String plain = new BigDecimal(s).stripTrailingZeros().toPlainString();
                return plain.contains(".") ? plain : plain + ".0";
            }
            String[] parts = s.split("E");
            int exp = Integer.parseInt(parts[1]);
            String mant = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
            return mant + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
        }
        return s;
    }
}
