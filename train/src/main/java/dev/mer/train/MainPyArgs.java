package dev.mer.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * main.py's {@code vars(args)}: every flag in argparse's order with the value main.py holds after
 * parsing — a given flag's value of its argparse type, an absent one's default as argparse keeps it
 * ({@link Flag#pythonDefault}) — and after main.py's own conversions ({@code --cuda} and
 * {@code --finetune} become {@code True}/{@code False}; taskinput's {@code n_layers} is one less).
 * What the reference prints in its one-liner and pickles as {@code args}.
 *
 * @param vars the flags by name, in main.py's order, as Java values of Python's types
 */
public record MainPyArgs(Map<String, Object> vars) {
    public MainPyArgs {
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        for (Flag<?> f : Flags.ALL) {
            if (!vars.containsKey(f.name())) {
                throw new IllegalArgumentException("main.py's arguments without " + f.option());
            }
        }
    }

    /**
     * The arguments of a run configured by {@code config} on the data file {@code dataFile} under
     * {@code dataPath}, results under {@code savePath}, every training flag as if given (for runs
     * built without a command line).
     */
    public static MainPyArgs of(TrainConfig config, String savePath, String dataPath, String dataFile) {
        // the recorded arguments are these, but for the save and data paths the JSON does not keep
        Map<String, Object> recorded = config.asArguments(dataFile);
        Map<String, Object> v = new LinkedHashMap<>();
        for (Flag<?> f : Flags.ALL) {
            v.put(f.name(), f == Flags.SAVE_PATH ? savePath : f == Flags.DATA_PATH ? dataPath : recorded.get(f.name()));
        }
        return converted(v);
    }

    /** main.py's conversions after parsing: taskinput's {@code n_layers -= 1}. */
    static MainPyArgs converted(Map<String, Object> parsed) {
        Map<String, Object> v = new LinkedHashMap<>(parsed);
        if ("taskinput".equals(v.get(Flags.MODEL.name())) && v.get(Flags.N_LAYERS.name()) instanceof Integer n) {
            v.put(Flags.N_LAYERS.name(), n - 1);
        }
        return new MainPyArgs(v);
    }

    /** The model. */
    public String model() {
        return (String) vars.get(Flags.MODEL.name());
    }

    /** {@code --data_file} as main.py holds it, e.g. {@code mnist_rotations.pt}. */
    public String dataFile() {
        return String.valueOf(vars.get(Flags.DATA_FILE.name()));
    }

    /** {@code --save_path} as main.py holds it, e.g. {@code results/}. */
    public String savePath() {
        return String.valueOf(vars.get(Flags.SAVE_PATH.name()));
    }

    /** Python's {@code str(vars(args))}. */
    public String repr() {
        return PythonText.dictRepr(vars);
    }

    @Override
    public String toString() {
        return repr();
    }

    /** A value of {@link #vars}; null when main.py has no such flag. */
    public Object get(String name) {
        return vars.get(Objects.requireNonNull(name));
    }
}
