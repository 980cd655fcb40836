package dev.mer.experiment.cluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a suite's Slurm job array asks for, as sbatch spells it. Values go into {@code #SBATCH}
 * lines verbatim, so each is one token without white space.
 *
 * @param partition {@code --partition}, or the cluster's default
 * @param time {@code --time} of one array task (e.g. {@code 4:00:00}), or the partition's default
 * @param cpusPerTask {@code --cpus-per-task}: a run keeps two threads busy (training, evaluation)
 * @param mem {@code --mem} (e.g. {@code 4G}), or the partition's default
 * @param maxParallel at most this many array tasks at once ({@code --array=…%K}), or no limit
 * @param cellsPerTask cells each array task runs, one after the other (short runs: fewer jobs)
 * @param signalSeconds the TERM sent to the batch shell this many seconds before the time limit
 *     ({@code --signal=B:TERM@S}), passed on to mer
 * @param extra further sbatch options, one token each ({@code --account=x}, {@code --qos=y}); they
 *     come after mer's lines, and sbatch lets a later line override an earlier one
 */
public record SlurmOptions(Optional<String> partition, Optional<String> time, int cpusPerTask, Optional<String> mem,
                           OptionalInt maxParallel, int cellsPerTask, int signalSeconds, List<String> extra) {
    /** Two CPUs: one trains, one evaluates the snapshots beside it (one suite job). */
    public static final int DEFAULT_CPUS_PER_TASK = 2;
    /** Time for a run to save its state (with checkpoints) and exit before the kill. */
    public static final int DEFAULT_SIGNAL_SECONDS = 120;

    public SlurmOptions {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(mem, "mem");
        Objects.requireNonNull(maxParallel, "maxParallel");
        extra = List.copyOf(extra);
        partition.ifPresent(v -> token("--partition", v));
        time.ifPresent(v -> token("--time", v));
        mem.ifPresent(v -> token("--mem", v));
        if (cpusPerTask < 1) {
            throw new IllegalArgumentException("Invalid --cpus-per-task: " + cpusPerTask);
        }
        if (maxParallel.isPresent() && maxParallel.getAsInt() < 1) {
            throw new IllegalArgumentException("Invalid --max-parallel: " + maxParallel.getAsInt());
        }
        if (cellsPerTask < 1) {
            throw new IllegalArgumentException("Invalid --cells-per-task: " + cellsPerTask);
        }
        if (signalSeconds < 1) {
            throw new IllegalArgumentException("Invalid signal time: " + signalSeconds + " s");
        }
        for (String e : extra) {
            token("--sbatch-arg", e);
            if (!e.startsWith("-")) {
                throw new IllegalArgumentException("--sbatch-arg '" + e + "' is not an sbatch option (e.g."
                        + " --sbatch-arg=--account=proj)");
            }
        }
    }

    /** The defaults: two CPUs, one cell per task, the cluster's partition, time and memory. */
    public static SlurmOptions defaults() {
        return new SlurmOptions(Optional.empty(), Optional.empty(), DEFAULT_CPUS_PER_TASK, Optional.empty(),
                OptionalInt.empty(), 1, DEFAULT_SIGNAL_SECONDS, List.of());
    }

    private static void token(String option, String value) {
        if (value.isEmpty() || !value.matches("\\S+")) {
            throw new IllegalArgumentException("Invalid " + option + " '" + value + "': one word, without spaces");
        }
    }
}
