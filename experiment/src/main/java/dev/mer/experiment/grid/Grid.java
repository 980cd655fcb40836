package dev.mer.experiment.grid;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.TextFiles;
import dev.mer.train.TrainArguments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An experiment grid: rows of model × dataset × memory size with their flags, read from a
 * tab-separated file. The format is the one of the paper's grid ({@code mer_examples.tsv}, a
 * resource of this package): a header line {@code model dataset memories args}, then one row a
 * line with four tab-separated columns — the model, the dataset, the total memory ({@code -} for
 * none) and main.py's flags for the model (may be empty). Blank lines and lines starting with
 * {@code #} are ignored. Two rows may not share model, dataset and memory size.
 *
 * @param source where the grid came from, for messages
 * @param rows the rows, in file order
 */
public record Grid(String source, List<GridRow> rows) {
    /** The header line of a grid file. */
    public static final String HEADER = "model\tdataset\tmemories\targs";
    private static final String PAPER_RESOURCE = "mer_examples.tsv";

    public Grid {
        Objects.requireNonNull(source, "source");
        rows = List.copyOf(rows);
    }

    /** The 57 runs of the paper's {@code mer_examples.sh}. */
    public static Grid paper() {
        return resource(Grid.class, PAPER_RESOURCE, "the paper's grid (mer_examples.sh)");
    }

    /**
     * A grid shipped as a resource beside {@code owner}; a missing or bad one is a bug of the
     * build, not a user error.
     */
    public static Grid resource(Class<?> owner, String name, String source) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return parse(source, null, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(source + " does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a grid file.
     *
     * @throws InvalidInputException naming the file and line of the first bad line
     */
    public static Grid read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return parse(file.toString(), file, TextFiles.readUtf8(file));
    }

    /**
     * Parses grid text.
     *
     * @param file the file for error messages, or {@code null}
     * @throws InvalidInputException naming the file and line of the first bad line
     */
    public static Grid parse(String source, Path file, String text) throws InvalidInputException {
        List<GridRow> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean header = false;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.strip().equals(HEADER)) {
                    throw bad(file, source, number, "expected the header '" + HEADER.replace("\t", "<TAB>") + "'");
                }
                header = true;
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length < 3 || cols.length > 4) {
                throw bad(file, source, number, "expected 4 tab-separated columns (model, dataset, memories, args),"
                        + " found " + cols.length);
            }
            GridRow row;
            try {
                row = new GridRow(cols[0].strip(), cols[1].strip(), memories(cols[2].strip()),
                        TrainArguments.parse(cols.length == 4 ? cols[3] : ""));
            } catch (IllegalArgumentException e) {
                throw bad(file, source, number, e.getMessage());
            }
            Integer previous = seen.putIfAbsent(row.key(), number);
            if (previous != null) {
                throw bad(file, source, number, "repeats " + row.model() + " on " + row.dataset() + " with memories "
                        + row.memoriesText() + " of line " + previous);
            }
            rows.add(row);
        }
        if (!header) {
            throw bad(file, source, lines.length, "no header line '" + HEADER.replace("\t", "<TAB>") + "'");
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(file, (file == null ? source + ": " : "") + "a grid without rows");
        }
        return new Grid(source, rows);
    }

    private static OptionalInt memories(String text) {
        if (text.equals("-")) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("memories must be a number or -, not '" + text + "'");
        }
    }

    private static InvalidInputException bad(Path file, String source, int line, String problem) {
        return new InvalidInputException(file, (file == null ? source + " " : "") + "line " + line + ": " + problem);
    }

    /** The rows {@code filter} selects, in order. */
    public Grid select(GridFilter filter) {
        return new Grid(source, rows.stream().filter(filter::matches).toList());
    }

    /** The grid as file text (the header, then one line a row). */
    public String toText() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (GridRow r : rows) {
            sb.append(r.model()).append('\t').append(r.dataset()).append('\t').append(r.memoriesText()).append('\t')
                    .append(r.args()).append('\n');
        }
        return sb.toString();
    }
}
