package dev.mer.experiment.grid;

import dev.mer.train.learner.Models;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A selection of grid rows, written {@code model=meralg1|eralg4,dataset=rotations,memories=5120}:
 * comma-separated criteria on {@code model}, {@code dataset} and {@code memories} ({@code -} for
 * rows without a memory), each with one or more values separated by {@code |}. A row is selected
 * when every criterion holds one of its values; no criterion selects every row.
 *
 * @param criteria values allowed per column
 */
public record GridFilter(Map<String, Set<String>> criteria) {
    /** The columns a filter may name. */
    public static final List<String> COLUMNS = List.of("model", "dataset", "memories");

    /** Selects every row. */
    public static final GridFilter ALL = new GridFilter(Map.of());

    public GridFilter {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : criteria.entrySet()) {
            if (!COLUMNS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown filter column '" + e.getKey() + "' (columns: "
                        + String.join(", ", COLUMNS) + ")");
            }
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("no value for filter column '" + e.getKey() + "'");
            }
            copy.put(e.getKey(), Set.copyOf(e.getValue()));
        }
        criteria = Map.copyOf(copy);
    }

    /**
     * Parses a filter such as {@code model=meralg1|eralg4,dataset=rotations}.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static GridFilter parse(String text) {
        Map<String, Set<String>> criteria = new LinkedHashMap<>();
        if (text.isBlank()) {
            return ALL;
        }
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("filter '" + part.strip() + "' is not column=value"
                        + " (e.g. model=meralg1|eralg4,dataset=rotations,memories=5120)");
            }
            String column = part.substring(0, eq).strip();
            Set<String> values = new LinkedHashSet<>();
            for (String v : part.substring(eq + 1).split("\\|", -1)) {
                String value = v.strip();
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("empty value in filter '" + part.strip() + "'");
                }
                check(column, value);
                values.add(value);
            }
            if (criteria.put(column, values) != null) {
                throw new IllegalArgumentException("filter column '" + column + "' given twice");
            }
        }
        return new GridFilter(criteria);
    }

    private static void check(String column, String value) {
        if (column.equals("model") && Models.find(value).isEmpty()) {
            throw new IllegalArgumentException("unknown model '" + value + "' in the filter (models: "
                    + String.join(", ", Models.names()) + ")");
        }
        if (column.equals("memories") && !value.equals("-") && !value.matches("\\d+")) {
            throw new IllegalArgumentException("memories in a filter is a number or -, not '" + value + "'");
        }
    }

    /** Whether {@code row} is selected. */
    public boolean matches(GridRow row) {
        return allows("model", row.model()) && allows("dataset", row.dataset())
                && allows("memories", row.memoriesText());
    }

    private boolean allows(String column, String value) {
        Set<String> values = criteria.get(column);
        return values == null || values.contains(value);
    }
}
