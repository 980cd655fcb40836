package dev.mer.dataset;

import java.util.Locale;

/** The two halves of a task-set, each one Arrow IPC file in the task-set directory. */
public enum Split {
    TRAIN,
    TEST;

    /** The file holding this split inside a task-set directory: {@code train.arrow}, {@code test.arrow}. */
    public String fileName() {
        return jsonName() + ".arrow";
    }

    /** The manifest spelling: {@code train} or {@code test}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the manifest spelling; throws {@link IllegalArgumentException} naming the value. */
    public static Split fromJsonName(String name) {
        for (Split s : values()) {
            if (s.jsonName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + name + "' (expected train or test)");
    }
}
