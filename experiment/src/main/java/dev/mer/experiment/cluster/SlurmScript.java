package dev.mer.experiment.cluster;

import dev.mer.experiment.suite.CellChoice;
import dev.mer.train.checkpoint.RunStopped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The sbatch script of a suite's job array: array task {@code t} runs {@code mer suite <the same
 * selection> --cell env --cells-per-task N}, which reads {@code SLURM_ARRAY_TASK_ID} and runs cells
 * {@code t·N} to {@code t·N + N − 1} that are not done. The array lists only the tasks with a cell
 * still to do. The script is a pure function of its inputs (no date, no host), so that the same
 * submission writes the same file.
 *
 * @param options what the job asks of Slurm
 * @param launcher how the compute node starts mer
 * @param suiteArguments {@code mer suite}'s selection options, as the user gave them ({@code
 *     --grid}, {@code --filter}, {@code --seeds}, {@code --data}, {@code --out}, …); relative paths
 *     resolve in {@code workingDirectory}, so the result files record the same paths as a local
 *     {@code mer suite} started there
 * @param workingDirectory where the tasks start ({@code --chdir}), absolute: the submission's
 * @param logDirectory where each task's output goes ({@code %A_%a.out}), absolute
 * @param pendingCells the cells still to do (indices of {@code mer suite --list})
 * @param cells how many cells the selection has
 */
public record SlurmScript(SlurmOptions options, Launcher launcher, List<String> suiteArguments, Path workingDirectory,
                          Path logDirectory, List<Integer> pendingCells, int cells) {
    /** The job's name in {@code squeue}. */
    public static final String JOB_NAME = "mer-suite";

    public SlurmScript {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(launcher, "launcher");
        suiteArguments = List.copyOf(suiteArguments);
        pendingCells = List.copyOf(new TreeSet<>(pendingCells));
        if (!workingDirectory.isAbsolute() || !logDirectory.isAbsolute()) {
            throw new IllegalArgumentException("a job's directories must be absolute: " + workingDirectory + ", "
                    + logDirectory);
        }
        for (Path dir : List.of(workingDirectory, logDirectory)) {
            if (!dir.toString().matches("\\S+")) {
                throw new IllegalArgumentException("an #SBATCH line cannot hold a path with white space: '" + dir
                        + "' (start from, and write to, directories without spaces)");
            }
        }
        if (pendingCells.isEmpty()) {
            throw new IllegalArgumentException("no cell to do");
        }
        if (pendingCells.get(0) < 0 || pendingCells.get(pendingCells.size() - 1) >= cells) {
            throw new IllegalArgumentException("cells out of range 0 to " + (cells - 1) + ": " + pendingCells);
        }
    }

    /** The array tasks with a cell to do, ascending. */
    public List<Integer> tasks() {
        TreeSet<Integer> tasks = new TreeSet<>();
        for (int c : pendingCells) {
            tasks.add(CellChoice.taskOf(c, options.cellsPerTask()));
        }
        return List.copyOf(tasks);
    }

    /** {@code --array}'s value: the tasks as ranges ({@code 0-3,5,8-9}), then {@code %K} if limited. */
    public String array() {
        StringBuilder sb = new StringBuilder();
        List<Integer> tasks = tasks();
        for (int i = 0; i < tasks.size(); i++) {
            int first = tasks.get(i);
            int last = first;
            while (i + 1 < tasks.size() && tasks.get(i + 1) == last + 1) {
                last = tasks.get(++i);
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(first);
            if (last > first) {
                sb.append('-').append(last);
            }
        }
        options.maxParallel().ifPresent(k -> sb.append('%').append(k));
        return sb.toString();
    }

    /** The script's text. */
    public String text() {
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        int n = options.cellsPerTask();
        lines.add("# mer suite as a Slurm job array, written by 'mer suite --slurm': " + pendingCells.size() + " of "
                + cells + " cells to do (numbered as 'mer suite --list' numbers them); array task t runs "
                + (n == 1 ? "cell t" : "cells t*" + n + " to t*" + n + "+" + (n - 1) + " that are not done") + ".");
        lines.add("#SBATCH --job-name=" + JOB_NAME);
        lines.add("#SBATCH --array=" + array());
        lines.add("#SBATCH --requeue");
        lines.add("#SBATCH --signal=B:TERM@" + options.signalSeconds());
        lines.add("#SBATCH --chdir=" + workingDirectory);
        lines.add("#SBATCH --output=" + logDirectory.resolve("%A_%a.out"));
        lines.add("#SBATCH --cpus-per-task=" + options.cpusPerTask());
        options.partition().ifPresent(p -> lines.add("#SBATCH --partition=" + p));
        options.time().ifPresent(t -> lines.add("#SBATCH --time=" + t));
        options.mem().ifPresent(m -> lines.add("#SBATCH --mem=" + m));
        for (String e : options.extra()) {
            lines.add("#SBATCH " + e);
        }
        lines.add("set -u");
        List<String> command = new ArrayList<>(List.of("suite"));
        command.addAll(suiteArguments);
        command.addAll(List.of("--cell", CellChoice.FROM_ENVIRONMENT, "--cells-per-task",
                Integer.toString(options.cellsPerTask())));
        // MER_JAVA_OPTS unquoted: the job's environment may split it into several JVM options
        lines.add(quote(launcher.java()) + " ${MER_JAVA_OPTS:-} " + quote(launcher.program()) + " " + quote(command)
                + " &");
        lines.add("pid=$!");
        lines.add("# Slurm sends TERM to this shell alone (B:) " + options.signalSeconds() + " s before the time"
                + " limit: pass it on to mer, whose runs under way then write their checkpoints and stop (exit "
                + RunStopped.EXIT_CODE + "). A run continues from its checkpoint when the task runs again;"
                + " finished cells are never run twice.");
        lines.add("trap 'kill -TERM \"$pid\" 2>/dev/null' TERM");
        lines.add("wait \"$pid\"");
        lines.add("status=$?");
        lines.add("# a trapped TERM ends the first wait early: wait for mer itself");
        lines.add("while kill -0 \"$pid\" 2>/dev/null; do wait \"$pid\"; status=$?; done");
        lines.add("# stopped with its checkpoints written (a time limit): queue this task again to continue it");
        lines.add("if [ \"$status\" -eq " + RunStopped.EXIT_CODE + " ] && [ -n \"${SLURM_ARRAY_JOB_ID:-}\" ]; then");
        lines.add("  scontrol requeue \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\" || true");
        lines.add("fi");
        lines.add("exit \"$status\"");
        return String.join("\n", lines) + "\n";
    }

    /** Words quoted for bash: single quotes unless the word is plainly safe. */
    static String quote(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String w : words) {
            quoted.add(w.matches("[A-Za-z0-9_@%+=:,./-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }
}
