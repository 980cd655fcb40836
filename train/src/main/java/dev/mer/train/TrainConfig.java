package dev.mer.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The arguments of MER's {@code main.py}, with its defaults and meaning (names in its snake_case).
 *
 * @param model one of {@link #MODELS}
 * @param nHiddens hidden units per layer
 * @param nLayers hidden layers (taskinput uses one fewer, as main.py)
 * @param finetune independent: start each task's net from the previous one's
 * @param nEpochs passes over each task
 * @param batchSize examples per observed batch (1 in every experiment of the paper)
 * @param lr SGD learning rate
 * @param nMemories GEM/EWC: memories per task
 * @param memoryStrength GEM: margin; EWC: regularisation strength
 * @param memories replay models: total reservoir memories
 * @param gamma MER: across-batch Reptile rate
 * @param batchesPerExample meralg1: batches per incoming example
 * @param s meralg7: current example's loss multiplier
 * @param replayBatchSize replay models: replayed items per batch (k−1 in the paper)
 * @param beta meralg1: within-batch Reptile rate
 * @param seed random seed
 * @param logEvery evaluate every this many batches
 * @param samplesPerTask training examples per task (all if ≤ 0)
 * @param shuffleTasks present tasks in random order
 */
public record TrainConfig(String model, int nHiddens, int nLayers, boolean finetune, int nEpochs, int batchSize,
                          double lr, int nMemories, double memoryStrength, int memories, double gamma,
                          double batchesPerExample, double s, double replayBatchSize, double beta, long seed,
                          int logEvery, int samplesPerTask, boolean shuffleTasks) {
    /** The models of the paper, in main.py's spelling. */
    public static final java.util.List<String> MODELS = java.util.List.of("online", "independent", "taskinput", "ewc",
            "gem", "eralg4", "eralg5", "meralg1", "meralg6", "meralg7");

    public TrainConfig {
        Objects.requireNonNull(model, "model");
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException("Unknown model '" + model + "' (models: " + String.join(", ", MODELS) + ")");
        }
        positive("n_hiddens", nHiddens);
        if (nLayers < 0) {
            throw new IllegalArgumentException("Invalid n_layers: " + nLayers);
        }
        positive("n_epochs", nEpochs);
        positive("batch_size", batchSize);
        positive("log_every", logEvery);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("Invalid lr: " + lr);
        }
        if (nMemories < 0 || memories < 0) {
            throw new IllegalArgumentException("Invalid memory size: n_memories " + nMemories + ", memories " + memories);
        }
        if (model.equals("gem") || model.equals("ewc")) {
            positive("n_memories", nMemories);
        }
        if ((model.equals("meralg1") || model.equals("meralg6")) && batchesPerExample < 1) {
            throw new IllegalArgumentException("Invalid batches_per_example for " + model + ": " + batchesPerExample);
        }
        if (replayBatchSize < 0) {
            throw new IllegalArgumentException("Invalid replay_batch_size: " + replayBatchSize);
        }
        if (model.equals("independent") && nHiddens < 1) {
            throw new IllegalArgumentException("Invalid n_hiddens for independent: " + nHiddens);
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException("Invalid " + name + ": " + v);
        }
    }

    /** main.py's defaults for {@code model}. */
    public static TrainConfig defaults(String model) {
        return new TrainConfig(model, 100, 2, true, 1, 1, 1e-3, model.equals("gem") || model.equals("ewc") ? 256 : 0,
                0, 5120, 1.0, 1, 1, 20, 1.0, 0, 100, -1, false);
    }

    /** The arguments as main.py's {@code vars(args)} lists them, for the one-line summary and the JSON. */
    public Map<String, Object> asArguments(String dataFile) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("n_hiddens", nHiddens);
        m.put("n_layers", nLayers);
        m.put("finetune", finetune);
        m.put("n_epochs", nEpochs);
        m.put("batch_size", batchSize);
        m.put("lr", lr);
        m.put("n_memories", nMemories);
        m.put("memory_strength", memoryStrength);
        m.put("memories", memories);
        m.put("gamma", gamma);
        m.put("batches_per_example", batchesPerExample);
        m.put("s", s);
        m.put("replay_batch_size", replayBatchSize);
        m.put("beta", beta);
        m.put("cuda", false);
        m.put("seed", seed);
        m.put("log_every", logEvery);
        m.put("data_file", dataFile);
        m.put("samples_per_task", samplesPerTask);
        m.put("shuffle_tasks", shuffleTasks ? "yes" : "no");
        return m;
    }

    /** Python's {@code str(dict)} of {@link #asArguments}: GEM's one-liner prints the arguments so. */
    public String pythonRepr(String dataFile) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : asArguments(dataFile).entrySet()) {
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
                sb.append(pythonFloat(d));
            } else {
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, as Java's Double.toString mostly is. */
    static String pythonFloat(double d) {
        String s = Double.toString(d);
        if (s.contains("E")) {
            // Java 1.0E-4 -> Python 0.0001; Python switches to exponents below 1e-4 and at 1e16
            double abs = Math.abs(d);
            if (abs >= 1e-4 && abs < 1e16) {
                String plain = new java.math.BigDecimal(s).stripTrailingZeros().toPlainString();
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
