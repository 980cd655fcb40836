package dev.mer.train;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One flag of MER's {@code main.py}: its name, how argparse reads its value, its default and help
 * text, and the range a value must lie in. The values a run uses are typed ({@code T}): what
 * {@code vars(args)} holds after main.py's own conversions.
 *
 * @param name the snake_case name without dashes, e.g. {@code n_hiddens}
 * @param kind how the value is read and printed
 * @param defaultValue main.py's default
 * @param help main.py's help text
 * @param role what the flag is about
 * @param modelSpecific whether only some models read it (which ones, the model catalogue says)
 * @param valid the values mer accepts for every model (what main.py runs with; what a model's
 *     reference cannot, the model catalogue refuses); a value outside is refused with
 *     {@code Invalid <name>: <value> (<rule>)}
 * @param rule the range {@code valid} accepts and why, for that message; empty when it accepts all
 * @param pythonDefault the default as main.py's {@code vars(args)} holds it when the flag is not
 *     given, in Java types: argparse does not apply a flag's {@code type} to its default, so
 *     {@code --memory_strength}'s default is the int {@code 0}, not the float {@code 0.0}
 * @param <T> the value's type
 */
public record Flag<T>(String name, Kind kind, T defaultValue, String help, Role role, boolean modelSpecific,
                      Predicate<T> valid, String rule, Object pythonDefault) {
    /** How a flag's value is read from the command line and printed in {@code vars(args)}. */
    public enum Kind {
        /** A Python {@code int} that fits a Java {@code int}. */
        INT,
        /** A Python {@code int} that fits a Java {@code long} (the seed). */
        LONG,
        /** A Python {@code float}. */
        FLOAT,
        /** {@code yes} or {@code no}, which main.py turns into {@code True}/{@code False}. */
        BOOLEAN,
        /** {@code yes} or {@code no}, which main.py keeps as text and compares. */
        YES_NO,
        /** Any text. */
        TEXT
    }

    /** What a flag is about. */
    public enum Role {
        /** {@code --model}. */
        MODEL,
        /** A value the training run depends on (held by {@link TrainConfig}). */
        TRAINING,
        /** Where data and results are ({@code --data_path}, {@code --data_file}, {@code --save_path}). */
        LOCATION,
        /** The device ({@code --cuda}): accepted for compatibility, mer trains on the CPU. */
        DEVICE
    }

    /** A flag that accepts every value of its kind, whose default main.py holds as its own type. */
    public Flag(String name, Kind kind, T defaultValue, String help, Role role, boolean modelSpecific) {
        this(name, kind, defaultValue, help, role, modelSpecific, v -> true, "");
    }

    /** A flag whose default main.py holds as its own type. */
    public Flag(String name, Kind kind, T defaultValue, String help, Role role, boolean modelSpecific,
                Predicate<T> valid, String rule) {
        this(name, kind, defaultValue, help, role, modelSpecific, valid, rule, pythonValue(kind, defaultValue));
    }

    public Flag {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(pythonDefault, "pythonDefault");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(valid, "valid");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Invalid flag name: " + name);
        }
    }

    /** The flag as written on main.py's command line, e.g. {@code --n_hiddens}. */
    public String option() {
        return "--" + name;
    }

    /** The kebab-case spelling mer also accepts, e.g. {@code --n-hiddens}. */
    public String kebabOption() {
        return "--" + name.replace('_', '-');
    }

    /**
     * Reads a value as argparse would (and main.py's yes/no comparisons).
     *
     * @throws IllegalArgumentException naming the flag, for a value of the wrong kind or out of range
     */
    public T parse(String text) {
        Objects.requireNonNull(text, "text");
        Object v = switch (kind) {
            case INT -> {
                long l = parseLong(text, "an integer");
                if (l != (int) l) {
                    throw new IllegalArgumentException(option() + " is out of range: " + text);
                }
                yield (int) l;
            }
            case LONG -> parseLong(text, "an integer");
            case FLOAT -> {
                if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw new IllegalArgumentException(option() + " takes a number, not '" + text + "'");
                }
                yield Double.parseDouble(text);
            }
            case BOOLEAN, YES_NO -> {
                if (!text.equals("yes") && !text.equals("no")) {
                    throw new IllegalArgumentException(option() + " takes yes or no, not '" + text + "'");
                }
                yield text.equals("yes");
            }
            case TEXT -> text;
        };
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return t;
    }

    private long parseLong(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option() + " takes " + what + ", not '" + text + "'");
        }
    }

    /**
     * Checks a value against {@link #valid}.
     *
     * @throws IllegalArgumentException {@code Invalid <name>: <value> (<rule>)}
     */
    public T check(Object value) {
        T v = cast(value);
        if (!valid.test(v)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + v
                    + (rule.isEmpty() ? "" : " (" + rule + ")"));
        }
        return v;
    }

    /** {@code value} as this flag's type; an {@code Integer} given for a {@code LONG} or {@code FLOAT} flag is widened. */
    @SuppressWarnings("unchecked")
    public T cast(Object value) {
        Objects.requireNonNull(value, name);
        Object v = switch (kind) {
            case INT -> value instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : value;
            case LONG -> value instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : value;
            case FLOAT -> value instanceof Number n ? n.doubleValue() : value;
            case BOOLEAN, YES_NO -> value instanceof String s && (s.equals("yes") || s.equals("no"))
                    ? s.equals("yes") : value;
            case TEXT -> value;
        };
        Class<?> type = defaultValue.getClass();
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(option() + " takes " + describe() + ", not " + value);
        }
        return (T) v;
    }

    private String describe() {
        return switch (kind) {
            case INT, LONG -> "an integer";
            case FLOAT -> "a number";
            case BOOLEAN, YES_NO -> "yes or no";
            case TEXT -> "text";
        };
    }

    /** The value as written on main.py's command line, e.g. {@code yes}, {@code 0.03}. */
    public String format(T value) {
        return switch (kind) {
            case BOOLEAN, YES_NO -> (Boolean) value ? "yes" : "no";
            case FLOAT -> PythonText.floatRepr((Double) value);
            default -> String.valueOf(value);
        };
    }

    /**
     * The value as main.py's {@code vars(args)} holds it, in Java types: {@code Boolean} for the flags
     * main.py converts, {@code "yes"}/{@code "no"} for those it keeps as text, numbers and text as they are.
     */
    public Object argumentValue(T value) {
        return pythonValue(kind, value);
    }

    private static Object pythonValue(Kind kind, Object value) {
        return kind == Kind.YES_NO ? ((Boolean) value ? "yes" : "no") : value;
    }

    /** This flag with argparse's literal default {@code value} (e.g. the int {@code 0} of a float flag). */
    public Flag<T> withPythonDefault(Object value) {
        return new Flag<>(name, kind, defaultValue, help, role, modelSpecific, valid, rule, value);
    }

    @Override
    public String toString() {
        return option();
    }
}
