package dev.mer.convert.pickle;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How Python would print the values the machine produces, for messages and manifests. */
public final class Python {
    private Python() {
    }

    /** Roughly Python's {@code repr(value)}. */
    public static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof Double d) {
            if (d.isNaN()) {
                return "nan";
            }
            if (d.isInfinite()) {
                return d > 0 ? "inf" : "-inf";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e16 ? String.format(Locale.ROOT, "%.1f", d) : d.toString();
        }
        if (value instanceof byte[] bytes) {
            return "b<" + bytes.length + " bytes>";
        }
        if (value instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(repr(l.get(i)));
            }
            return b.append(']').toString();
        }
        if (value instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : ", ").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                first = false;
            }
            return b.append('}').toString();
        }
        return value.toString();
    }

    /** A short description of a value's type, for "expected X, found Y" messages. */
    public static String typeName(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Long || value instanceof java.math.BigInteger) {
            return "int";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof byte[]) {
            return "bytes";
        }
        if (value instanceof List<?> l) {
            return "list of " + l.size();
        }
        if (value instanceof PyTuple t) {
            return "tuple of " + t.size();
        }
        if (value instanceof Map<?, ?> m) {
            return "dict of " + m.size();
        }
        return value.getClass().getSimpleName();
    }
}
