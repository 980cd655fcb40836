package dev.mer.train;

import dev.mer.train.learner.Model;
import dev.mer.train.learner.Models;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of a training run: the model and the value of every training flag of MER's
 * {@code main.py} ({@link Flags#TRAINING}), typed as main.py holds them after parsing. Built by name
 * — from a command line ({@link TrainArguments#config}), from a result file's arguments
 * ({@link #fromArguments}), or with a {@link Builder} — and validated on construction: every value
 * in its flag's range, and what the model's learner needs ({@link Model#check}).
 */
public final class TrainConfig {
    private final Model model;
    private final Map<Flag<?>, Object> values;

    private TrainConfig(Model model, Map<Flag<?>, Object> given) {
        this.model = Objects.requireNonNull(model, "model");
        Map<Flag<?>, Object> v = new LinkedHashMap<>();
        for (Flag<?> f : Flags.TRAINING) {
            Object value = given.get(f);
            v.put(f, f.check(value != null ? value : f.defaultValue()));
        }
        for (Flag<?> f : given.keySet()) {
            if (f.role() != Flag.Role.TRAINING) {
                throw new IllegalArgumentException(f.option() + " is not a training flag");
            }
        }
        this.values = Collections.unmodifiableMap(v);
        model.check(this);
    }

    /** A builder of a configuration of {@code model} with main.py's defaults. */
    public static Builder builder(String model) {
        return new Builder(Models.named(model));
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(model);
        b.values.putAll(values);
        return b;
    }

    /** The model, main.py's spelling. */
    public String model() {
        return model.name();
    }

    /** The model's catalogue entry. */
    public Model modelEntry() {
        return model;
    }

    /** The value of a training flag. */
    public <T> T get(Flag<T> flag) {
        if (flag.role() != Flag.Role.TRAINING) {
            throw new IllegalArgumentException(flag.option() + " is not a training flag");
        }
        return flag.cast(values.get(flag));
    }

    /**
     * The arguments as main.py's {@code vars(args)} lists them, for the one-line summary and the
     * JSON: the training flags in main.py's order, {@code cuda} {@code False} (mer trains on the
     * CPU) and {@code data_file} the dataset's name; the save and data paths are not recorded.
     */
    public Map<String, Object> asArguments(String dataFile) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Flag<?> f : Flags.ALL) {
            switch (f.role()) {
                case MODEL -> m.put(f.name(), model.name());
                case TRAINING -> m.put(f.name(), argumentValue(f));
                case DEVICE -> m.put(f.name(), false);
                case LOCATION -> {
                    if (f == Flags.DATA_FILE) {
                        m.put(f.name(), dataFile);
                    }
                }
            }
        }
        return m;
    }

    private <T> Object argumentValue(Flag<T> f) {
        return f.argumentValue(get(f));
    }

    /**
     * The configuration a result file's {@code arguments} describe (the inverse of
     * {@link #asArguments}; entries that are not training flags are ignored).
     *
     * @throws IllegalArgumentException naming the argument that is missing, unknown or invalid
     */
    public static TrainConfig fromArguments(Map<String, ?> arguments) {
        Object model = arguments.get(Flags.MODEL.name());
        if (!(model instanceof String name)) {
            throw new IllegalArgumentException("no model in the arguments");
        }
        Builder b = builder(name);
        for (Flag<?> f : Flags.TRAINING) {
            Object v = arguments.get(f.name());
            if (v == null) {
                throw new IllegalArgumentException("no " + f.name() + " in the arguments");
            }
            b.values.put(f, f.cast(v));
        }
        return b.build();
    }

    /** Python's {@code str(dict)} of {@link #asArguments}: GEM's one-liner prints the arguments so. */
    public String pythonRepr(String dataFile) {
        return PythonText.dictRepr(asArguments(dataFile));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainConfig c && c.model.name().equals(model.name()) && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return model.name().hashCode() * 31 + values.hashCode();
    }

    /** The configuration as a main.py command line with every training flag. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("--model ").append(model.name());
        for (Flag<?> f : Flags.TRAINING) {
            sb.append(' ').append(f.option()).append(' ').append(formatted(f));
        }
        return sb.toString();
    }

    private <T> String formatted(Flag<T> f) {
        return f.format(get(f));
    }

    /** Builds a configuration flag by flag; unset flags keep main.py's defaults. */
    public static final class Builder {
        private final Model model;
        private final Map<Flag<?>, Object> values = new LinkedHashMap<>();

        private Builder(Model model) {
            this.model = model;
        }

        /** Sets a training flag. */
        public <T> Builder set(Flag<T> flag, T value) {
            if (flag.role() != Flag.Role.TRAINING) {
                throw new IllegalArgumentException(flag.option() + " is not a training flag");
            }
            values.put(flag, flag.cast(value));
            return this;
        }

        /** The configuration. @throws IllegalArgumentException for an invalid value */
        public TrainConfig build() {
            return new TrainConfig(model, values);
        }
    }
}
