package dev.mer.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One task of a split as the manifest describes it.
 *
 * @param index the task's position in the stream, from 0
 * @param kind what distinguishes the task
 * @param parameter the kind's parameter as JSON: {@code {"angle": 12.5}}, {@code {"seed": 3,
 *     "permutation": [...]}}, {@code {"classes": [0, 2]}} or {@code {"descriptor": ...}}
 * @param rows the number of rows of this task in this split
 */
public record TaskInfo(int index, TaskKind kind, JsonNode parameter, long rows) {

    public TaskInfo {
        if (index < 0) {
            throw new IllegalArgumentException("Invalid task index: " + index);
        }
        Objects.requireNonNull(kind, "kind");
        if (parameter == null) {
            parameter = JsonNodeFactory.instance.objectNode();
        }
        if (rows < 0) {
            throw new IllegalArgumentException("Invalid row count for task " + index + ": " + rows);
        }
    }

    /** A rotation task: every image rotated by {@code angle} degrees. */
    public static TaskInfo rotation(int index, double angle, long rows) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("angle", angle);
        return new TaskInfo(index, TaskKind.ROTATION, p, rows);
    }

    /** The same task with another row count (the other split's). */
    public TaskInfo withRows(long newRows) {
        return new TaskInfo(index, kind, parameter, newRows);
    }

    /** A short human reading of the parameter, for tables. */
    public String describeParameter() {
        if (kind == TaskKind.ROTATION && parameter.has("angle")) {
            return String.format(java.util.Locale.ROOT, "%.4f°", parameter.get("angle").asDouble());
        }
        if (kind == TaskKind.PERMUTATION && parameter.has("seed")) {
            return "seed " + parameter.get("seed").asText()
                    + (parameter.has("draw") ? " draw " + parameter.get("draw").asText() : "");
        }
        if (kind == TaskKind.CLASS_SPLIT && parameter.has("classes")) {
            return "classes " + parameter.get("classes");
        }
        if (parameter.has("descriptor")) {
            return parameter.get("descriptor").toString();
        }
        String s = parameter.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
