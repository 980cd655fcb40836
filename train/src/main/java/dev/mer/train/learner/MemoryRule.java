package dev.mer.train.learner;

import dev.mer.train.Flag;
import dev.mer.train.Flags;
import dev.mer.train.TrainConfig;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a model's episodic memory is sized, and so the total memory a run is reported under in the
 * paper's tables (the columns "5120", "500", "200" of MER's Table 1).
 */
public enum MemoryRule {
    /** No episodic memory reported (ewc's stored examples only estimate its Fisher information). */
    NONE(null, false),
    /** One reservoir of {@code --memories} items over the whole stream (MER's replay models). */
    RESERVOIR(Flags.MEMORIES, false),
    /** {@code --n_memories} items for each task (GEM): the total grows with the number of tasks. */
    PER_TASK(Flags.N_MEMORIES, true);

    private final Flag<Integer> flag;
    private final boolean perTask;

    MemoryRule(Flag<Integer> flag, boolean perTask) {
        this.flag = flag;
        this.perTask = perTask;
    }

    /** The flag that sizes the memory, if there is a memory. */
    public Optional<Flag<Integer>> flag() {
        return Optional.ofNullable(flag);
    }

    /** Whether the total depends on the number of tasks. */
    public boolean perTask() {
        return perTask;
    }

    /** The total memory of a run of {@code config} over {@code tasks} tasks; empty without a memory. */
    public OptionalInt total(TrainConfig config, int tasks) {
        if (flag == null) {
            return OptionalInt.empty();
        }
        int n = config.get(flag);
        return OptionalInt.of(perTask ? n * tasks : n);
    }
}
