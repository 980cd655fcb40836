package dev.mer.generate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mer.generate.transform.PixelMap;
import java.util.Objects;

/**
 * What one task does to every image, and how its manifest entry records it.
 *
 * @param parameter the task's manifest parameter (an angle; a seed, draw and permutation)
 * @param map the transform of every image of the task
 */
record TaskTransform(JsonNode parameter, PixelMap map) {
    TaskTransform {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(map, "map");
    }
}
