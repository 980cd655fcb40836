package dev.mer.experiment.summary;

import dev.mer.experiment.results.RunRecord;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One model × dataset × memory size, summarised over its seeds.
 *
 * @param model the model
 * @param dataset the task-set's name as the runs recorded it
 * @param memories the total episodic memory, if the model has one
 * @param runs the runs summarised, in seed order
 * @param ra retained accuracy over seeds
 * @param la learning accuracy over seeds
 * @param bti backward transfer and interference over seeds
 * @param seconds wall time per run over seeds
 */
public record SummaryRow(String model, String dataset, OptionalInt memories, List<RunRecord> runs, Statistic ra,
                         Statistic la, Statistic bti, Statistic seconds) {
    public SummaryRow {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(memories, "memories");
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("A summary row of no run");
        }
    }

    /** The seeds summarised, in order. */
    public List<Long> seeds() {
        return runs.stream().map(RunRecord::seed).toList();
    }
}
