package dev.mer.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * MER's {@code main.py} command line: its flags (in its snake_case or in kebab-case, as
 * {@code --flag value} or {@code --flag=value}), its defaults, and which models each model-specific
 * flag means something to. The one definition of what a flag means: {@code mer train} and the
 * suite's grid rows both go through it.
 *
 * <p>Only the flags given are held; {@link #get} falls back to main.py's default. {@link #config}
 * turns them into a {@link TrainConfig}, refusing a flag that has no effect on the chosen model
 * (main.py silently ignores it, which hides typos in experiment scripts).
 */
public final class TrainArguments {
    /** How a flag's value is read. */
    public enum Kind {
        /** A Python {@code int}. */
        INT,
        /** A Python {@code float}. */
        FLOAT,
        /** {@code yes} or {@code no}, as main.py compares them. */
        YES_NO,
        /** Any text. */
        TEXT
    }

    /**
     * One flag of main.py.
     *
     * @param name the snake_case name without dashes, e.g. {@code n_hiddens}
     * @param kind how the value is read
     * @param defaultValue main.py's default, as text
     * @param usedBy the models the flag means something to; empty when it applies to every model
     */
    public record Flag(String name, Kind kind, String defaultValue, List<String> usedBy) {
        public Flag {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(defaultValue, "defaultValue");
            usedBy = List.copyOf(usedBy);
            for (String m : usedBy) {
                if (!TrainConfig.MODELS.contains(m)) {
                    throw new IllegalArgumentException("Unknown model '" + m + "' in the flag table of --" + name);
                }
            }
        }

        /** The flag as written on main.py's command line, e.g. {@code --n_hiddens}. */
        public String option() {
            return "--" + name;
        }

        /** Whether the flag means something to {@code model}. */
        public boolean appliesTo(String model) {
            return usedBy.isEmpty() || usedBy.contains(model);
        }
    }

    private static final List<String> GEM_EWC = List.of("gem", "ewc");
    private static final List<String> REPLAY = List.of("eralg4", "eralg5", "meralg1", "meralg6", "meralg7");

    /** main.py's flags in its order, with its defaults. */
    public static final List<Flag> FLAGS = List.of(
            new Flag("model", Kind.TEXT, "single", List.of()),
            new Flag("n_hiddens", Kind.INT, "100", List.of()),
            new Flag("n_layers", Kind.INT, "2", List.of()),
            new Flag("finetune", Kind.YES_NO, "yes", List.of("independent")),
            new Flag("n_epochs", Kind.INT, "1", List.of()),
            new Flag("batch_size", Kind.INT, "1", List.of()),
            new Flag("lr", Kind.FLOAT, "0.001", List.of()),
            new Flag("n_memories", Kind.INT, "0", GEM_EWC),
            new Flag("memory_strength", Kind.FLOAT, "0", GEM_EWC),
            new Flag("memories", Kind.INT, "5120", REPLAY),
            new Flag("gamma", Kind.FLOAT, "1.0", List.of("meralg1", "meralg6", "meralg7")),
            new Flag("batches_per_example", Kind.FLOAT, "1", List.of("meralg1")),
            new Flag("s", Kind.FLOAT, "1", List.of("meralg7")),
            new Flag("replay_batch_size", Kind.FLOAT, "20", REPLAY),
            new Flag("beta", Kind.FLOAT, "1.0", List.of("meralg1")),
            new Flag("cuda", Kind.YES_NO, "no", List.of()),
            new Flag("seed", Kind.INT, "0", List.of()),
            new Flag("log_every", Kind.INT, "100", List.of()),
            new Flag("save_path", Kind.TEXT, "results/", List.of()),
            new Flag("data_path", Kind.TEXT, "data/", List.of()),
            new Flag("data_file", Kind.TEXT, "mnist_permutations.pt", List.of()),
            new Flag("samples_per_task", Kind.INT, "-1", List.of()),
            new Flag("shuffle_tasks", Kind.YES_NO, "no", List.of()));

    private static final Map<String, Flag> BY_NAME;

    static {
        Map<String, Flag> m = new LinkedHashMap<>();
        for (Flag f : FLAGS) {
            m.put(f.name(), f);
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private final Map<String, String> values;

    private TrainArguments(Map<String, String> values) {
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
        Map<String, String> values = new LinkedHashMap<>();
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
            Flag flag = flag(name);
            if (value == null) {
                if (i + 1 >= tokens.size()) {
                    throw new IllegalArgumentException(flag.option() + " needs a value");
                }
                value = tokens.get(++i);
            }
            if (values.containsKey(flag.name())) {
                throw new IllegalArgumentException(flag.option() + " is given twice");
            }
            check(flag, value);
            values.put(flag.name(), value);
        }
        return new TrainArguments(values);
    }

    /** Parses a command line split on whitespace (main.py's flags never hold spaces in the paper). */
    public static TrainArguments parse(String commandLine) {
        String s = commandLine.strip();
        return parse(s.isEmpty() ? List.of() : List.of(s.split("\\s+")));
    }

    /**
     * The flag called {@code name}, snake_case or kebab-case, with or without the leading dashes.
     *
     * @throws IllegalArgumentException for a flag main.py does not have
     */
    public static Flag flag(String name) {
        String n = name.startsWith("--") ? name.substring(2) : name;
        Flag f = BY_NAME.get(n.replace('-', '_'));
        if (f == null) {
            throw new IllegalArgumentException("Unknown flag --" + n + " (main.py's flags: "
                    + String.join(", ", FLAGS.stream().map(Flag::option).toList()) + ")");
        }
        return f;
    }

    private static void check(Flag flag, String value) {
        switch (flag.kind()) {
            case INT -> {
                try {
                    Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(flag.option() + " takes an integer, not '" + value + "'");
                }
            }
            case FLOAT -> {
                if (!value.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw new IllegalArgumentException(flag.option() + " takes a number, not '" + value + "'");
                }
            }
            case YES_NO -> {
                if (!value.equals("yes") && !value.equals("no")) {
                    throw new IllegalArgumentException(flag.option() + " takes yes or no, not '" + value + "'");
                }
            }
            case TEXT -> {
                if (flag.name().equals("model") && !TrainConfig.MODELS.contains(value)) {
                    throw new IllegalArgumentException("unknown --model '" + value + "' (models: "
                            + String.join(", ", TrainConfig.MODELS) + ")");
                }
            }
        }
    }

    /** The flags given, by snake_case name, in the order given. */
    public Map<String, String> given() {
        return values;
    }

    /** Whether {@code name} was given. */
    public boolean has(String name) {
        return values.containsKey(flag(name).name());
    }

    /** The value of {@code name} as given, or main.py's default. */
    public String get(String name) {
        Flag f = flag(name);
        return values.getOrDefault(f.name(), f.defaultValue());
    }

    /** The model, if {@code --model} was given. */
    public Optional<String> model() {
        return Optional.ofNullable(values.get("model"));
    }

    /** {@code --cuda yes}: accepted for compatibility; mer trains on the CPU. */
    public boolean cuda() {
        return get("cuda").equals("yes");
    }

    /**
     * These arguments with {@code overrides} applied on top: a flag given in both takes the value
     * of {@code overrides}.
     */
    public TrainArguments with(TrainArguments overrides) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides.values);
        return new TrainArguments(merged);
    }

    /** These arguments with one flag set (replacing any value given). */
    public TrainArguments with(String name, String value) {
        Flag f = flag(name);
        check(f, value);
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.put(f.name(), value);
        return new TrainArguments(merged);
    }

    /** The flags given as a command line, snake_case, in main.py's order. */
    public List<String> tokens() {
        List<String> out = new ArrayList<>();
        for (Flag f : FLAGS) {
            String v = values.get(f.name());
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
        for (String name : flags) {
            Flag f = flag(name);
            if (!f.appliesTo(model)) {
                throw new IllegalArgumentException(f.option() + " has no effect on --model " + model
                        + " (it is used by " + String.join(", ", f.usedBy()) + ")");
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
        checkUsedBy(model, values.keySet());
        return new TrainConfig(model, integer("n_hiddens"), integer("n_layers"), yes("finetune"),
                integer("n_epochs"), integer("batch_size"), number("lr"), integer("n_memories"),
                number("memory_strength"), integer("memories"), number("gamma"), number("batches_per_example"),
                number("s"), number("replay_batch_size"), number("beta"), Long.parseLong(get("seed")),
                integer("log_every"), integer("samples_per_task"), yes("shuffle_tasks"));
    }

    private int integer(String name) {
        long v = Long.parseLong(get(name));
        if (v != (int) v) {
            throw new IllegalArgumentException("--" + name + " is out of range: " + v);
        }
        return (int) v;
    }

    private double number(String name) {
        return Double.parseDouble(get(name));
    }

    private boolean yes(String name) {
        return get(name).equals("yes");
    }

    /** The names of the flags of {@link #FLAGS}. */
    public static Set<String> names() {
        return BY_NAME.keySet();
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
