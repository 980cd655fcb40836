package dev.mer.experiment.summary;

import dev.mer.experiment.grid.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The paper's published RA, LA and BTI figures, in percent as the paper prints them, with the
 * number of the table each comes from. Read from the resource {@code published.tsv} of this
 * package, which holds only figures read from the paper (arXiv:1810.11910v3); a figure the
 * project does not have is absent, never estimated.
 *
 * @param figures one entry per model × dataset × memory size
 */
public record PublishedFigures(List<PublishedFigures.Figure> figures) {
    private static final String HEADER = "table\tmodel\tdataset\tmemories\tra\tra_std\tla\tla_std\tbti\tbti_std";

    public PublishedFigures {
        figures = List.copyOf(figures);
    }

    /**
     * One row of a table of the paper, in percent.
     *
     * @param table the paper's table, e.g. {@code Table 1}
     * @param model the model, main.py's spelling
     * @param dataset the grid's dataset name ({@code rotations} …)
     * @param memories the memory size the paper reports the row under; empty for none
     * @param ra retained accuracy (%), and its ± below
     * @param raStd the ± of {@code ra}
     * @param la learning accuracy (%)
     * @param laStd the ± of {@code la}
     * @param bti backward transfer and interference (%)
     * @param btiStd the ± of {@code bti}
     */
    public record Figure(String table, String model, String dataset, OptionalInt memories, OptionalDouble ra,
                         OptionalDouble raStd, OptionalDouble la, OptionalDouble laStd, OptionalDouble bti,
                         OptionalDouble btiStd) {
        public Figure {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(memories, "memories");
            for (OptionalDouble v : List.of(ra, la)) {
                if (v.isPresent() && (v.getAsDouble() < 0 || v.getAsDouble() > 100)) {
                    throw new IllegalArgumentException("Invalid percentage: " + v.getAsDouble());
                }
            }
        }
    }

    /** The figures of the resource {@code published.tsv}. */
    public static PublishedFigures paper() {
        try (InputStream in = PublishedFigures.class.getResourceAsStream("published.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing resource published.tsv");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No figure at all. */
    public static PublishedFigures none() {
        return new PublishedFigures(List.of());
    }

    /**
     * Parses the TSV format of {@code published.tsv}.
     *
     * @throws IllegalArgumentException naming the line of a bad row
     */
    public static PublishedFigures parse(String text) {
        List<Figure> figures = new ArrayList<>();
        boolean header = false;
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.strip().equals(HEADER)) {
                    throw new IllegalArgumentException("published figures line " + (i + 1) + ": expected the header");
                }
                header = true;
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c.length != 10) {
                throw new IllegalArgumentException("published figures line " + (i + 1) + ": expected 10 columns");
            }
            try {
                figures.add(new Figure(c[0], c[1], c[2], c[3].equals("-") ? OptionalInt.empty()
                        : OptionalInt.of(Integer.parseInt(c[3])), number(c[4]), number(c[5]), number(c[6]),
                        number(c[7]), number(c[8]), number(c[9])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("published figures line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new PublishedFigures(figures);
    }

    private static OptionalDouble number(String s) {
        return s.isBlank() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(s.strip()));
    }

    /**
     * The paper's figure for a summary row: its model, the task-set name its runs recorded
     * ({@code mnist_rotations} for the grid's {@code rotations}) and its memory size.
     */
    public Optional<Figure> find(String model, String taskSetName, OptionalInt memories) {
        return figures.stream().filter(f -> f.model().equals(model) && f.memories().equals(memories)
                && Protocol.taskSetName(f.dataset()).equals(taskSetName)).findFirst();
    }
}
