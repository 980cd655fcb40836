package dev.mer.dataset;

import java.util.Locale;

/** What distinguishes a task from the others in its benchmark. */
public enum TaskKind {
    /** Every image rotated by one angle (MNIST Rotations); parameter {@code {"angle": degrees}}. */
    ROTATION,
    /** Every image's pixels permuted by one permutation (MNIST Permutations). */
    PERMUTATION,
    /** A subset of the classes (e.g. Split MNIST); parameter {@code {"classes": [lo, hi)}}. */
    CLASS_SPLIT,
    /** Anything else; the parameter keeps the original descriptor. */
    UNKNOWN;

    /** The manifest spelling, e.g. {@code class-split}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses the manifest spelling; throws {@link IllegalArgumentException} naming the value. */
    public static TaskKind fromJsonName(String name) {
        for (TaskKind k : values()) {
            if (k.jsonName().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown task kind '" + name + "'");
    }
}
