package dev.mer.report;

import dev.mer.experiment.summary.SummaryRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * The models compared in one evolution or bar figure: one dataset at one memory size, with the
 * models that keep no memory (online, ewc…) in every memory size's figure as the baselines.
 *
 * @param dataset the task-set's name
 * @param memories the memory size, or empty when no run of the dataset has memories
 * @param rows the summary rows compared, in the paper's model order
 */
record Panel(String dataset, OptionalInt memories, List<SummaryRow> rows) {
    Panel {
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("A figure of no model");
        }
    }

    /** A file-name stem: {@code mnist_rotations} or {@code mnist_rotations_m500}. */
    String stem() {
        return Styles.slug(dataset) + (memories.isPresent() ? "_m" + memories.getAsInt() : "");
    }

    /** The panels of {@code rows}: per dataset (in order), one per memory size from largest to smallest. */
    static List<Panel> of(List<SummaryRow> rows) {
        Map<String, List<SummaryRow>> byDataset = new LinkedHashMap<>();
        for (SummaryRow r : rows) {
            byDataset.computeIfAbsent(r.dataset(), d -> new ArrayList<>()).add(r);
        }
        List<Panel> out = new ArrayList<>();
        for (Map.Entry<String, List<SummaryRow>> e : byDataset.entrySet()) {
            TreeSet<Integer> sizes = new TreeSet<>(Comparator.reverseOrder());
            List<SummaryRow> memoryless = new ArrayList<>();
            for (SummaryRow r : e.getValue()) {
                if (r.memories().isPresent()) {
                    sizes.add(r.memories().getAsInt());
                } else {
                    memoryless.add(r);
                }
            }
            if (sizes.isEmpty()) {
                out.add(new Panel(e.getKey(), OptionalInt.empty(), sorted(memoryless)));
            }
            for (int size : sizes) {
                List<SummaryRow> members = new ArrayList<>(memoryless);
                e.getValue().stream().filter(r -> r.memories().equals(OptionalInt.of(size))).forEach(members::add);
                out.add(new Panel(e.getKey(), OptionalInt.of(size), sorted(members)));
            }
        }
        return out;
    }

    private static List<SummaryRow> sorted(List<SummaryRow> rows) {
        List<SummaryRow> s = new ArrayList<>(rows);
        s.sort(Comparator.comparingInt((SummaryRow r) -> Styles.order(r.model())).thenComparing(SummaryRow::model));
        return s;
    }
}
