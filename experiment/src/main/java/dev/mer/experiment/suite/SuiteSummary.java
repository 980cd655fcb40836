package dev.mer.experiment.suite;

import dev.mer.experiment.summary.SummaryRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A suite's summary as {@link Suite#writeSummary} wrote it, with what a command prints of it: the
 * table, then where it is. {@code mer suite} (after its runs, {@code --summarize}, {@code --status})
 * and {@code mer demo} print these as they are.
 *
 * @param rows mean ± std of RA, LA and BTI per model × dataset × memory
 * @param markdown the table beside the paper's figures, as {@code summary.md} holds it
 * @param markdownFile {@code OUT/summary.md}
 * @param csvFile {@code OUT/summary.csv}
 */
public record SuiteSummary(List<SummaryRow> rows, String markdown, Path markdownFile, Path csvFile) {
    public SuiteSummary {
        rows = List.copyOf(rows);
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(markdownFile, "markdownFile");
        Objects.requireNonNull(csvFile, "csvFile");
    }

    /** Where the summary is: {@code OUT/summary.md, OUT/summary.csv}. */
    public String files() {
        return markdownFile + ", " + csvFile;
    }
}
