package dev.mer.generate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mer.generate.transform.PixelMap;
import java.util.Objects;

/**
 * One task to generate: its transform and which source images it holds.
 *
 * @param index the task's position
 * @param parameter the manifest's parameter of the task (angle, or seed, draw and permutation)
 * @param map the transform applied to every image of the task
 * @param trainRows the train images it holds, in order, or {@code null} for all in source order
 * @param testRows the test images it holds, or {@code null} for all
 */
public record TaskPlan(int index, JsonNode parameter, PixelMap map, int[] trainRows, int[] testRows) {
    public TaskPlan {
        if (index < 0) {
            throw new IllegalArgumentException("Invalid task index: " + index);
        }
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(map, "map");
    }

    /** The number of train images, given the source's count. */
    int trainCount(int available) {
        return trainRows == null ? available : trainRows.length;
    }

    /** The number of test images, given the source's count. */
    int testCount(int available) {
        return testRows == null ? available : testRows.length;
    }
}
