package dev.mer.experiment.grid;

import dev.mer.train.TrainArguments;
import dev.mer.train.TrainConfig;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One configuration of the grid: a model on a dataset with its hyperparameters, reported under a
 * total episodic memory size. Validated on construction: the model exists, the flags are main.py's
 * and mean something to the model, and a replay model's {@code --memories} is the row's memory.
 *
 * @param model the model, main.py's spelling
 * @param dataset the dataset: {@code rotations}, {@code permutations}, {@code manypermutations} or
 *     the directory name of another task-set
 * @param memories the total episodic memory the row is reported under; empty for models without
 *     one (the grid's {@code -})
 * @param args the model-specific flags; the suite adds {@link Protocol#common} and the seed
 */
public record GridRow(String model, String dataset, OptionalInt memories, TrainArguments args) {
    private static final List<String> REPLAY = List.of("eralg4", "eralg5", "meralg1", "meralg6", "meralg7");

    public GridRow {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(memories, "memories");
        Objects.requireNonNull(args, "args");
        if (!TrainConfig.MODELS.contains(model)) {
            throw new IllegalArgumentException("unknown model '" + model + "' (models: "
                    + String.join(", ", TrainConfig.MODELS) + ")");
        }
        if (!dataset.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("invalid dataset name '" + dataset + "' (letters, digits, _ . -)");
        }
        if (memories.isPresent() && memories.getAsInt() <= 0) {
            throw new IllegalArgumentException("invalid memories: " + memories.getAsInt());
        }
        for (String flag : Protocol.SUITE_FLAGS) {
            if (args.has(flag)) {
                throw new IllegalArgumentException("--" + flag + " is set by the suite, not by a grid row");
            }
        }
        TrainConfig config = Protocol.common(dataset).with(args).with("model", model).config();
        if (REPLAY.contains(model) && memories.isPresent() && memories.getAsInt() != config.memories()) {
            throw new IllegalArgumentException("memories column " + memories.getAsInt() + " but --memories "
                    + config.memories() + " for " + model);
        }
    }

    /** {@code model_dataset_memories} (or {@code model_dataset} without a memory): the row's directory. */
    public String key() {
        return model + "_" + dataset + (memories.isPresent() ? "_" + memories.getAsInt() : "");
    }

    /**
     * The full main.py arguments of this row's run with {@code seed}: the common flags, the row's,
     * and {@code samplesPerTask} if given (a smaller experiment than the paper's).
     */
    public TrainArguments arguments(long seed, OptionalInt samplesPerTask) {
        TrainArguments a = Protocol.common(dataset).with(args).with("model", model).with("seed", Long.toString(seed));
        return samplesPerTask.isPresent() ? a.with("samples_per_task", Integer.toString(samplesPerTask.getAsInt())) : a;
    }

    /** The memories column as written in a grid file. */
    public String memoriesText() {
        return memories.isPresent() ? Integer.toString(memories.getAsInt()) : "-";
    }
}
