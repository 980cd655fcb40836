package dev.mer.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Report#write} wrote.
 *
 * @param directory the report's directory
 * @param index its {@code index.html}
 * @param figures every figure, in the page's order
 * @param sources the result files the report was made from
 */
public record ReportFiles(Path directory, Path index, List<Figure> figures, List<Path> sources) {
    public ReportFiles {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(index, "index");
        figures = List.copyOf(figures);
        sources = List.copyOf(sources);
    }
}
