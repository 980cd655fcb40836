package dev.mer.experiment.grid;

import dev.mer.train.TrainArguments;
import java.util.List;

/**
 * What every run of {@code mer_examples.sh} shares: {@code --n_layers 2 --n_hiddens 100
 * --batch_size 1 --log_every 100 --cuda no} and {@code --samples_per_task 1000} (200 for Many
 * Permutations), and where each of the paper's datasets lives as a task-set.
 */
public final class Protocol {
    /** The paper's datasets, in the grid's spelling. */
    public static final List<String> PAPER_DATASETS = List.of("rotations", "permutations", "manypermutations");

    /** Flags the suite sets itself, which a grid row may not give. */
    public static final List<String> SUITE_FLAGS = List.of("model", "seed", "data_path", "data_file", "save_path");

    private Protocol() {
    }

    /** The common flags of {@code mer_examples.sh} for {@code dataset}. */
    public static TrainArguments common(String dataset) {
        return TrainArguments.parse("--n_layers 2 --n_hiddens 100 --batch_size 1 --log_every 100 --cuda no"
                + " --samples_per_task " + (dataset.equals("manypermutations") ? 200 : 1000));
    }

    /**
     * The task-set directory name of a grid dataset: {@code mnist_rotations} for the paper's
     * {@code rotations} (as {@code mer fetch} and {@code mer generate} name them), the name itself
     * for any other dataset of a user's grid.
     */
    public static String taskSetName(String dataset) {
        return PAPER_DATASETS.contains(dataset) ? "mnist_" + dataset : dataset;
    }

    /** How to get the task-set of {@code dataset}, for an error message. */
    public static String howToGet(String dataset) {
        return switch (dataset) {
            case "rotations" -> "download it with 'mer fetch rotations', or make one with 'mer generate --rotations'";
            case "permutations" -> "download it with 'mer fetch permutations', or make one with"
                    + " 'mer generate --permutations 20'";
            case "manypermutations" -> "download it with 'mer fetch manypermutations', or make one with"
                    + " 'mer generate --many-permutations'";
            default -> "make it with 'mer generate … --out' or 'mer convert … --out'";
        };
    }
}
