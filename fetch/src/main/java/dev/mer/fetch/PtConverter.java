package dev.mer.fetch;

import java.io.IOException;
import java.nio.file.Path;

/** Turns an extracted {@code .pt} into a task-set; the command line plugs in {@code mer convert}'s converter. */
@FunctionalInterface
public interface PtConverter {
    /** Converts {@code pt} into the task-set directory {@code taskSet}, atomically. */
    void convert(Path pt, Path taskSet) throws IOException;
}
