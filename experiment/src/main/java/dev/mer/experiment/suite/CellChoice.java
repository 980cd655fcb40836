package dev.mer.experiment.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cells one invocation of {@code mer suite --cell} runs: one given by its index, or those of
 * the array task the environment names. The environment is read only when asked ({@code --cell
 * env}), so that a plain {@code mer suite} started inside a Slurm job or a Kubernetes indexed job
 * runs the whole selection as it does anywhere else.
 *
 * @param indices the cells, ascending
 * @param source where they come from, for messages ({@code --cell 3}, {@code SLURM_ARRAY_TASK_ID=1})
 */
public record CellChoice(List<Integer> indices, String source) {
    /**
     * The variables that hold an array task's index, in the order they are looked at: Slurm's job
     * arrays, then Kubernetes' indexed jobs.
     */
    public static final List<String> ENVIRONMENT = List.of("SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX");

    /** The {@code --cell} value that reads the index from {@link #ENVIRONMENT}. */
    public static final String FROM_ENVIRONMENT = "env";

    public CellChoice {
        indices = List.copyOf(indices);
        Objects.requireNonNull(source, "source");
        if (indices.isEmpty()) {
            throw new IllegalArgumentException("no cell");
        }
    }

    /**
     * The cells of {@code --cell value} among {@code cells} cells.
     *
     * @param value a cell index (as {@code mer suite --list} numbers them), or {@value
     *     #FROM_ENVIRONMENT}: the index of this array task from {@link #ENVIRONMENT}
     * @param cellsPerTask cells per array task: task {@code t} runs cells {@code t·n} to
     *     {@code t·n + n − 1}; only with {@value #FROM_ENVIRONMENT}, otherwise 1
     * @param environment the process environment ({@link System#getenv()})
     * @param cells how many cells the selection has
     * @throws IllegalArgumentException a user error, naming the value or the variable
     */
    public static CellChoice of(String value, int cellsPerTask, Map<String, String> environment, int cells) {
        if (cellsPerTask < 1) {
            throw new IllegalArgumentException("Invalid cells per task: " + cellsPerTask);
        }
        if (!value.equals(FROM_ENVIRONMENT)) {
            if (!value.matches("\\d{1,9}")) {
                throw new IllegalArgumentException("--cell takes a cell index (see --list) or '" + FROM_ENVIRONMENT
                        + "' (the array task's index from " + String.join(" or ", ENVIRONMENT) + "), not '" + value
                        + "'");
            }
            if (cellsPerTask != 1) {
                throw new IllegalArgumentException("--cells-per-task goes with --cell " + FROM_ENVIRONMENT
                        + " (an array task's index), not with a cell index");
            }
            int index = Integer.parseInt(value);
            if (index >= cells) {
                throw new IllegalArgumentException("no cell " + index + ": the selection has " + cells + " cells (0 to "
                        + (cells - 1) + ", see --list)");
            }
            return new CellChoice(List.of(index), "--cell " + index);
        }
        for (String variable : ENVIRONMENT) {
            String text = environment.get(variable);
            if (text == null || text.isBlank()) {
                continue;
            }
            String from = variable + "=" + text;
            if (!text.strip().matches("\\d{1,9}")) {
                throw new IllegalArgumentException(from + " is not an array task index");
            }
            long task = Long.parseLong(text.strip());
            long first = task * cellsPerTask;
            if (first >= cells) {
                throw new IllegalArgumentException(from + " but the selection has " + cells + " cells"
                        + (cellsPerTask == 1 ? "" : ", " + cellsPerTask + " per task") + ": was the job submitted with"
                        + " other selection options, or has the grid file changed since?");
            }
            List<Integer> indices = new ArrayList<>();
            for (long i = first; i < Math.min(first + cellsPerTask, cells); i++) {
                indices.add((int) i);
            }
            return new CellChoice(indices, from);
        }
        throw new IllegalArgumentException("--cell " + FROM_ENVIRONMENT + " runs the cell of a job array's task, but"
                + " neither " + String.join(" nor ", ENVIRONMENT) + " is set: give a cell index (see --list)");
    }

    /** The array task that runs cell {@code index} when each task runs {@code cellsPerTask} cells. */
    public static int taskOf(int index, int cellsPerTask) {
        return index / cellsPerTask;
    }
}
