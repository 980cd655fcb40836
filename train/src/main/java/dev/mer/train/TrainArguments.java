package dev.mer.train;

import dev.mer.train.learner.Model;
import dev.mer.train.learner.Models;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A main.py command line as given: its flags ({@link Flags}, in main.py's snake_case or in
 * kebab-case, as {@code --flag value} or {@code --flag=value}) and their values as text. Each value
 * is read by its flag when given, so a bad value is refused at once, naming the flag; only the
 * flags given are held, and {@link #get} falls back to main.py's default. {@link #config} turns
 * them into a {@link TrainConfig}, refusing a flag that has no effect on the chosen model (main.py
 * silently ignores it, which hides typos in experiment scripts). {@code mer train} and the suite's
 * grid rows both go through it.
 */
public final class TrainArguments {
    private final Map<Flag<?>, String> values;

    private TrainArguments(Map<Flag<?>, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No flag given: every value is main.py's default. */
    public static TrainArguments none() {
        return new TrainArguments(Map.of());
    }

    /**
     * Parses a main.py command line such as {@code --model meralg1 --lr 0.03 --memories=500}.
     *
     * @throws IllegalArgumentException naming the flag for an unknown or repeated flag, a missing
     *     value, or a value of the wrong kind
     */
    public static TrainArguments parse(List<String> tokens) {
        Map<Flag<?>, String> values = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!token.startsWith("--") || token.length() == 2) {
                throw new IllegalArgumentException("Expected a flag such as --lr, not '" + token + "'");
            }
            String name = token.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Flag<?> flag = Flags.named(name);
            if (value == null) {
                if (i + 1 >= tokens.size()) {
                    throw new IllegalArgumentException(flag.option() + " needs a value");
                }
                value = tokens.get(++i);
            }
            if (values.containsKey(flag)) {
                throw new IllegalArgumentException(flag.option() + " is given twice");
            }
            check(flag, value);
            values.put(flag, value);
        }
        return new TrainArguments(values);
    }

    /** Parses a command line split on whitespace (main.py's flags never hold spaces in the paper). */
    public static TrainArguments parse(String commandLine) {
        String s = commandLine.strip();
        return parse(s.isEmpty() ? List.of() : List.of(s.split("\\s+")));
    }

    /**
     * The arguments of flags given as text, e.g. the options a command-line parser matched.
     *
     * @throws IllegalArgumentException naming the flag for a value of the wrong kind
     */
    public static TrainArguments of(Map<Flag<?>, String> given) {
        for (Map.Entry<Flag<?>, String> e : given.entrySet()) {
            check(e.getKey(), e.getValue());
        }
        return new TrainArguments(given);
    }

    private static void check(Flag<?> flag, String value) {
        flag.parse(value);
        if (flag == Flags.MODEL && Models.find(value).isEmpty()) {
            throw new IllegalArgumentException("unknown --model '" + value + "' (models: "
                    + String.join(", ", Models.names()) + ")");
        }
    }

    /** The flags given, by snake_case name, in the order given. */
    public Map<String, String> given() {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((f, v) -> m.put(f.name(), v));
        return m;
    }

    /** Whether {@code name} was given. */
    public boolean has(String name) {
        return values.containsKey(Flags.named(name));
    }

    /** The value of {@code name} as given, or main.py's default, as text. */
    public String get(String name) {
        return text(Flags.named(name));
    }

    private <T> String text(Flag<T> f) {
        String v = values.get(f);
        return v != null ? v : f.format(f.defaultValue());
    }

    /** The value of {@code flag} as given, or main.py's default. */
    public <T> T get(Flag<T> flag) {
        String v = values.get(flag);
        return v != null ? flag.parse(v) : flag.defaultValue();
    }

    /** The model, if {@code --model} was given. */
    public Optional<String> model() {
        return Optional.ofNullable(values.get(Flags.MODEL));
    }

    /** {@code --cuda yes}: accepted for compatibility; mer trains on the CPU. */
    public boolean cuda() {
        return get(Flags.CUDA);
    }

    /**
     * These arguments with {@code overrides} applied on top: a flag given in both takes the value
     * of {@code overrides}.
     */
    public TrainArguments with(TrainArguments overrides) {
        Map<Flag<?>, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides.values);
        return new TrainArguments(merged);
    }

    /** These arguments with one flag set (replacing any value given). */
    public TrainArguments with(String name, String value) {
        Flag<?> f = Flags.named(name);
        check(f, value);
        Map<Flag<?>, String> merged = new LinkedHashMap<>(values);
        merged.put(f, value);
        return new TrainArguments(merged);
    }

    /** The flags given as a command line, snake_case, in main.py's order. */
    public List<String> tokens() {
        List<String> out = new ArrayList<>();
        for (Flag<?> f : Flags.ALL) {
            String v = values.get(f);
            if (v != null) {
                out.add(f.option());
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Refuses flags that have no effect on {@code model}.
     *
     * @throws IllegalArgumentException naming the first such flag and the models it is for
     */
    public static void checkUsedBy(String model, Collection<String> flags) {
        Model m = Models.named(model);
        for (String name : flags) {
            Flag<?> f = Flags.named(name);
            if (!m.reads(f)) {
                throw new IllegalArgumentException(f.option() + " has no effect on --model " + model
                        + " (it is used by " + String.join(", ", Models.readers(f)) + ")");
            }
        }
    }

    /**
     * The training configuration: {@code --model} is required; every flag given must mean
     * something to that model; the values must make a valid {@link TrainConfig}.
     *
     * @throws IllegalArgumentException with a one-line message naming the flag
     */
    public TrainConfig config() {
        String model = model().orElseThrow(() -> new IllegalArgumentException("--model is required"));
        checkUsedBy(model, given().keySet());
        TrainConfig.Builder b = TrainConfig.builder(model);
        for (Flag<?> f : Flags.TRAINING) {
            set(b, f);
        }
        return b.build();
    }

    private <T> void set(TrainConfig.Builder b, Flag<T> f) {
        b.set(f, get(f));
    }

    /**
     * main.py's {@code vars(args)} for these arguments: given flags read with argparse's types,
     * absent ones at argparse's defaults, then main.py's conversions.
     */
    public MainPyArgs mainPyArgs() {
        Map<String, Object> v = new LinkedHashMap<>();
        for (Flag<?> f : Flags.ALL) {
            String given = values.get(f);
            v.put(f.name(), given != null ? pythonValue(f, given) : f.pythonDefault());
        }
        return MainPyArgs.converted(v);
    }

    private static <T> Object pythonValue(Flag<T> f, String text) {
        return f.argumentValue(f.parse(text));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainArguments a && a.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** The command line, as {@link #tokens} joined by spaces. */
    @Override
    public String toString() {
        return String.join(" ", tokens());
    }
}
