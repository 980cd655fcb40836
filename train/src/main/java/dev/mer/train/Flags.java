package dev.mer.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MER's {@code main.py} command line: every flag of its argparse parser, in its order, with its
 * default and help text. The one place these are written: {@code mer train}'s options and help, the
 * suite's grid rows, validation and the result files' arguments all read them from here. Which
 * model reads which model-specific flag is the model catalogue's to say
 * ({@link dev.mer.train.learner.Models}).
 */
public final class Flags {
    private Flags() {
    }

    // Every value main.py runs with is accepted (a negative --n_layers, --memories or --n_epochs
    // acts as 0 there, and so here); a range below is where main.py itself fails, for every model.
    // What only some models' reference files cannot run, the model catalogue refuses.

    public static final Flag<String> MODEL = new Flag<>("model", Flag.Kind.TEXT, "single", "model to train",
            Flag.Role.MODEL, false);
    public static final Flag<Integer> N_HIDDENS = new Flag<>("n_hiddens", Flag.Kind.INT, 100,
            "number of hidden neurons at each layer", Flag.Role.TRAINING, false);
    public static final Flag<Integer> N_LAYERS = new Flag<>("n_layers", Flag.Kind.INT, 2, "number of hidden layers",
            Flag.Role.TRAINING, false);
    public static final Flag<Boolean> FINETUNE = new Flag<>("finetune", Flag.Kind.BOOLEAN, true,
            "whether to initialize nets in indep. nets", Flag.Role.TRAINING, true);
    public static final Flag<Integer> N_EPOCHS = new Flag<>("n_epochs", Flag.Kind.INT, 1, "Number of epochs per task",
            Flag.Role.TRAINING, false);
    public static final Flag<Integer> BATCH_SIZE = new Flag<>("batch_size", Flag.Kind.INT, 1,
            "the amount of items received by the algorithm at one time (set to 1 across all experiments)."
                    + " Variable name is from GEM project.",
            Flag.Role.TRAINING, false, v -> v > 0,
            "at least 1: below, main.py's continuum gives empty batches, which it cannot reshape (RuntimeError)");
    public static final Flag<Double> LR = new Flag<>("lr", Flag.Kind.FLOAT, 1e-3, "learning rate", Flag.Role.TRAINING,
            false, v -> v >= 0 && !v.isInfinite(),
            "0 or more, finite: torch's SGD refuses a negative learning rate (ValueError)");
    public static final Flag<Integer> N_MEMORIES = new Flag<>("n_memories", Flag.Kind.INT, 0,
            "number of memories per task", Flag.Role.TRAINING, true);
    public static final Flag<Double> MEMORY_STRENGTH = new Flag<>("memory_strength", Flag.Kind.FLOAT, 0.0,
            "memory strength (meaning depends on memory)", Flag.Role.TRAINING, true).withPythonDefault(0);
    public static final Flag<Integer> MEMORIES = new Flag<>("memories", Flag.Kind.INT, 5120,
            "number of total memories stored in a reservoir sampling based buffer", Flag.Role.TRAINING, true);
    public static final Flag<Double> GAMMA = new Flag<>("gamma", Flag.Kind.FLOAT, 1.0, "gamma learning rate parameter",
            Flag.Role.TRAINING, true);
    public static final Flag<Double> BATCHES_PER_EXAMPLE = new Flag<>("batches_per_example", Flag.Kind.FLOAT, 1.0,
            "the number of batch per incoming example", Flag.Role.TRAINING, true, v -> !v.isInfinite(),
            "finite: the models take int() of it, which fails for infinity (OverflowError)").withPythonDefault(1);
    public static final Flag<Double> S = new Flag<>("s", Flag.Kind.FLOAT, 1.0,
            "current example learning rate multiplier (s)", Flag.Role.TRAINING, true).withPythonDefault(1);
    public static final Flag<Double> REPLAY_BATCH_SIZE = new Flag<>("replay_batch_size", Flag.Kind.FLOAT, 20.0,
            "The batch size for experience replay. Denoted as k-1 in the paper.", Flag.Role.TRAINING, true,
            v -> !v.isInfinite(), "finite: the models take int() of it, which fails for infinity (OverflowError)")
            .withPythonDefault(20);
    public static final Flag<Double> BETA = new Flag<>("beta", Flag.Kind.FLOAT, 1.0, "beta learning rate parameter",
            Flag.Role.TRAINING, true);
    public static final Flag<Boolean> CUDA = new Flag<>("cuda", Flag.Kind.BOOLEAN, false, "Use GPU?",
            Flag.Role.DEVICE, false);
    public static final Flag<Long> SEED = new Flag<>("seed", Flag.Kind.LONG, 0L, "random seed of model",
            Flag.Role.TRAINING, false, v -> v >= 0 && v <= 0xFFFF_FFFFL,
            "0 to 4294967295: main.py also seeds numpy, which refuses other seeds (ValueError)");
    public static final Flag<Integer> LOG_EVERY = new Flag<>("log_every", Flag.Kind.INT, 100,
            "frequency of logs, in minibatches", Flag.Role.TRAINING, false, v -> v != 0,
            "not 0: main.py takes the batch index modulo log_every (ZeroDivisionError)");
    public static final Flag<String> SAVE_PATH = new Flag<>("save_path", Flag.Kind.TEXT, "results/",
            "save models at the end of training", Flag.Role.LOCATION, false);
    public static final Flag<String> DATA_PATH = new Flag<>("data_path", Flag.Kind.TEXT, "data/",
            "path where data is located", Flag.Role.LOCATION, false);
    public static final Flag<String> DATA_FILE = new Flag<>("data_file", Flag.Kind.TEXT, "mnist_permutations.pt",
            "data file", Flag.Role.LOCATION, false);
    public static final Flag<Integer> SAMPLES_PER_TASK = new Flag<>("samples_per_task", Flag.Kind.INT, -1,
            "training samples per task (all if negative)", Flag.Role.TRAINING, false);
    public static final Flag<Boolean> SHUFFLE_TASKS = new Flag<>("shuffle_tasks", Flag.Kind.YES_NO, false,
            "present tasks in order", Flag.Role.TRAINING, false);

    /** Every flag, in main.py's order. */
    public static final List<Flag<?>> ALL = List.of(MODEL, N_HIDDENS, N_LAYERS, FINETUNE, N_EPOCHS, BATCH_SIZE, LR,
            N_MEMORIES, MEMORY_STRENGTH, MEMORIES, GAMMA, BATCHES_PER_EXAMPLE, S, REPLAY_BATCH_SIZE, BETA, CUDA, SEED,
            LOG_EVERY, SAVE_PATH, DATA_PATH, DATA_FILE, SAMPLES_PER_TASK, SHUFFLE_TASKS);

    /** The flags a training run depends on ({@link Flag.Role#TRAINING}), in main.py's order. */
    public static final List<Flag<?>> TRAINING = ALL.stream().filter(f -> f.role() == Flag.Role.TRAINING).toList();

    private static final Map<String, Flag<?>> BY_NAME;

    static {
        Map<String, Flag<?>> m = new LinkedHashMap<>();
        for (Flag<?> f : ALL) {
            m.put(f.name(), f);
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    /**
     * The flag called {@code name}, snake_case or kebab-case, with or without the leading dashes.
     *
     * @throws IllegalArgumentException for a flag main.py does not have
     */
    public static Flag<?> named(String name) {
        String n = name.startsWith("--") ? name.substring(2) : name;
        Flag<?> f = BY_NAME.get(n.replace('-', '_'));
        if (f == null) {
            throw new IllegalArgumentException("Unknown flag --" + n + " (main.py's flags: "
                    + String.join(", ", ALL.stream().map(Flag::option).toList()) + ")");
        }
        return f;
    }
}
