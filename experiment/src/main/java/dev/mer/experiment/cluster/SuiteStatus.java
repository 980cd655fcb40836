package dev.mer.experiment.cluster;

import dev.mer.experiment.suite.CellChoice;
import dev.mer.experiment.suite.SuiteCell;
import dev.mer.experiment.suite.SuiteRun;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each cell of a suite stands: done (its result file exists, the one fact that counts),
 * running or queued (an array task of a job submitted for this output directory that covers it,
 * as squeue reports it), or to do.
 *
 * @param cells the selection's cells
 * @param states each cell's state, by index
 * @param queueKnown whether squeue answered; without it, cells not done are all "to do"
 */
public record SuiteStatus(List<SuiteCell> cells, Map<Integer, State> states, boolean queueKnown) {
    /** A cell's state. */
    public enum State {
        /** Its result file exists. */
        DONE("done"),
        /** An array task that covers it is running. */
        RUNNING("running"),
        /** An array task that covers it waits in the queue. */
        QUEUED("queued"),
        /** Nothing will run it: submit again, or run it with {@code --cell}. */
        TO_DO("to do");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** The state as {@code --status} prints it. */
        public String label() {
            return label;
        }
    }

    public SuiteStatus {
        cells = List.copyOf(cells);
        states = Map.copyOf(states);
        if (states.size() != cells.size()) {
            throw new IllegalArgumentException(states.size() + " states for " + cells.size() + " cells");
        }
    }

    /**
     * The status of {@code cells}.
     *
     * @param done the finished runs
     * @param jobs the jobs submitted for this output directory
     * @param queue squeue's {@code job → task → state}, if it answered
     */
    public static SuiteStatus of(List<SuiteCell> cells, Set<SuiteRun> done, List<Slurm.Job> jobs,
                                 Optional<Map<String, Map<Integer, String>>> queue) {
        Map<Integer, State> states = new LinkedHashMap<>();
        for (SuiteCell c : cells) {
            State s = done.contains(c.run()) ? State.DONE : State.TO_DO;
            if (s != State.DONE && queue.isPresent()) {
                for (Slurm.Job job : jobs) {
                    String slurmState = queue.get().getOrDefault(job.id(), Map.of())
                            .get(CellChoice.taskOf(c.index(), job.cellsPerTask()));
                    State q = slurmState == null ? State.TO_DO : queued(slurmState);
                    if (q.ordinal() < s.ordinal()) {
                        s = q;
                    }
                }
            }
            states.put(c.index(), s);
        }
        return new SuiteStatus(cells, states, queue.isPresent());
    }

    /** Slurm's job states as a cell's: under way, or waiting (held, requeued, pending). */
    private static State queued(String slurmState) {
        return switch (slurmState) {
            case "RUNNING", "COMPLETING", "CONFIGURING", "SUSPENDED", "STAGE_OUT", "SIGNALING" -> State.RUNNING;
            default -> State.QUEUED;
        };
    }

    /** How many cells are in {@code state}. */
    public int count(State state) {
        return (int) states.values().stream().filter(state::equals).count();
    }

    /** Cells per state, every state present, in the enum's order. */
    public Map<State, Integer> counts() {
        Map<State, Integer> counts = new EnumMap<>(State.class);
        for (State s : State.values()) {
            counts.put(s, count(s));
        }
        return counts;
    }

    /** Whether every cell is done. */
    public boolean allDone() {
        return count(State.DONE) == cells.size();
    }
}
