package dev.mer.experiment.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.TextFiles;
import dev.mer.train.Flags;
import dev.mer.train.ResultFile;
import dev.mer.train.learner.Models;
import dev.mer.train.metrics.AccuracyMatrix;
import dev.mer.train.metrics.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * One finished run, read back from the {@code .json} result file that {@code mer train} (and
 * {@code mer suite}) writes: its arguments, its evaluation log and the accuracy matrix rebuilt
 * from that log with GEM's own rule, so tables and plots never depend on a second copy of the
 * metrics.
 *
 * @param file the result file
 * @param model the model (main.py's spelling)
 * @param dataset the task-set's name as recorded by the run, e.g. {@code mnist_rotations}
 * @param seed the run's seed
 * @param arguments main.py's arguments as the run recorded them
 * @param log every evaluation, in order
 * @param matrix GEM's accuracy matrix of {@code log}
 * @param seconds wall time of the run
 * @param examples training examples observed
 * @param memories the total episodic memory the run used, if it has one (replay models:
 *     {@code memories}; gem: {@code n_memories} per task × tasks; ewc and the rest: none);
 *     a suite records its grid row's figure instead, which is what the paper's tables name
 */
public record RunRecord(Path file, String model, String dataset, long seed, Map<String, Object> arguments,
                        List<Evaluation> log, AccuracyMatrix matrix, double seconds, long examples,
                        OptionalInt memories) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RunRecord {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        log = List.copyOf(log);
    }

    /** Retained accuracy (GEM's final accuracy): mean of the matrix's last row. */
    public double ra() {
        return matrix.retainedAccuracy();
    }

    /** Learning accuracy: mean of the matrix's diagonal. */
    public double la() {
        return matrix.learningAccuracy();
    }

    /** Backward transfer and interference (GEM's backward transfer). */
    public double bti() {
        return matrix.bti();
    }

    /**
     * Reads one result file (through the schema mer writes it with, {@link ResultFile}).
     *
     * @throws InvalidInputException naming the file when it is not a mer result file
     */
    public static RunRecord read(Path file) throws IOException {
        ResultFile f = ResultFile.read(file);
        List<Evaluation> log;
        AccuracyMatrix matrix;
        try {
            log = f.log();
            matrix = AccuracyMatrix.of(log);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
        String model = (String) f.arguments().get(Flags.MODEL.name());
        Object seed = f.arguments().get(Flags.SEED.name());
        return new RunRecord(file, model, f.dataset() != null ? f.dataset()
                : String.valueOf(f.arguments().get(Flags.DATA_FILE.name())), seed instanceof Number n ? n.longValue() : 0,
                f.arguments(), log, matrix, f.timing() != null ? f.timing().seconds() : 0, f.examples(),
                memories(file, f, model, matrix.tasks()));
    }

    /**
     * The figure a suite recorded from its grid row; otherwise the catalogue's memory rule for the
     * run's model (none for a model this mer does not know).
     */
    private static OptionalInt memories(Path file, ResultFile f, String model, int tasks) throws InvalidInputException {
        if (f.suite() != null && f.suite().get("memories") instanceof Number n) {
            return OptionalInt.of(n.intValue());
        }
        if (Models.find(model).isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return Models.named(model).memory().total(f.config(), tasks);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, "its arguments: " + e.getMessage());
        }
    }

    /**
     * Reads result files and every {@code *.json} result file found under directories (recursively,
     * in path order, skipping hidden files such as unfinished temporaries).
     */
    public static List<RunRecord> readAll(List<Path> filesOrDirectories) throws IOException {
        List<RunRecord> out = new ArrayList<>();
        for (Path p : filesOrDirectories) {
            if (Files.isDirectory(p)) {
                List<Path> found;
                try (Stream<Path> s = Files.walk(p)) {
                    found = s.filter(f -> f.getFileName().toString().endsWith(".json")
                                    && !f.getFileName().toString().startsWith(".") && Files.isRegularFile(f))
                            .sorted().toList();
                }
                for (Path f : found) {
                    if (looksLikeResult(f)) {
                        out.add(read(f));
                    }
                }
            } else if (Files.isRegularFile(p)) {
                out.add(read(p));
            } else {
                throw new InvalidInputException(p, "no such file or directory");
            }
        }
        return out;
    }

    private static boolean looksLikeResult(Path f) throws IOException {
        try {
            JsonNode root = JSON.readTree(TextFiles.readUtf8(f));
            return root.has("arguments") && root.has("evaluations");
        } catch (com.fasterxml.jackson.core.JacksonException | InvalidInputException e) {
            return false; // not JSON, or not UTF-8: some other .json, as the directory may hold
        }
    }
}
