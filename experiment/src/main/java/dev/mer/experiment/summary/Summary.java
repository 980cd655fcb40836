package dev.mer.experiment.summary;

import dev.mer.experiment.results.RunRecord;
import dev.mer.train.learner.Models;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Runs grouped by model × dataset × memory size with the mean ± std of RA, LA and BTI over seeds:
 * the table of the paper, computed from result files.
 */
public final class Summary {
    private Summary() {
    }

    private record Key(String model, String dataset, OptionalInt memories) {
    }

    /**
     * Groups {@code runs}. Rows are ordered by dataset, then the paper's model order, then memory
     * size from largest to smallest (the paper's column order); runs within a row by seed.
     */
    public static List<SummaryRow> of(List<RunRecord> runs) {
        Map<Key, List<RunRecord>> groups = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            groups.computeIfAbsent(new Key(r.model(), r.dataset(), r.memories()), k -> new ArrayList<>()).add(r);
        }
        List<SummaryRow> rows = new ArrayList<>();
        for (Map.Entry<Key, List<RunRecord>> e : groups.entrySet()) {
            List<RunRecord> g = new ArrayList<>(e.getValue());
            g.sort(Comparator.comparingLong(RunRecord::seed));
            rows.add(new SummaryRow(e.getKey().model(), e.getKey().dataset(), e.getKey().memories(), g,
                    Statistic.of(g.stream().mapToDouble(RunRecord::ra).toArray()),
                    Statistic.of(g.stream().mapToDouble(RunRecord::la).toArray()),
                    Statistic.of(g.stream().mapToDouble(RunRecord::bti).toArray()),
                    Statistic.of(g.stream().mapToDouble(RunRecord::seconds).toArray())));
        }
        rows.sort(Comparator.comparing(SummaryRow::dataset)
                .thenComparingInt(r -> modelOrder(r.model()))
                .thenComparingInt(r -> -r.memories().orElse(Integer.MAX_VALUE)));
        return rows;
    }

    private static int modelOrder(String model) {
        return Models.order(Objects.requireNonNull(model));
    }
}
