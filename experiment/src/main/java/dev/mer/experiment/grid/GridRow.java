package dev.mer.experiment.grid;

import dev.mer.train.learner.Models;
import dev.mer.train.learner.Model;
import dev.mer.train.learner.MemoryRule;
import dev.mer.train.TrainArguments;
import dev.mer.train.TrainConfig;
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
    public GridRow {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(memories, "memories");
        Objects.requireNonNull(args, "args");
        Model entry = Models.named(model);
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
        // A memory that does not depend on the number of tasks must be the column's figure; GEM's
        // per-task memories are reported rounded (51 per task × 100 tasks under "5120").
        MemoryRule rule = entry.memory();
        if (rule.flag().isPresent() && !rule.perTask() && memories.isPresent()
                && memories.getAsInt() != rule.total(config, 1).getAsInt()) {
            throw new IllegalArgumentException("memories column " + memories.getAsInt() + " but "
                    + rule.flag().get().option() + " " + rule.total(config, 1).getAsInt() + " for " + model);
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
