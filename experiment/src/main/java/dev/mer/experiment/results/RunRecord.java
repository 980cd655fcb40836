package dev.mer.experiment.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mer.dataset.InvalidInputException;
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
     * Reads one result file.
     *
     * @throws InvalidInputException naming the file when it is not a mer result file
     */
    public static RunRecord read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidInputException(file, "not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode args = root.path("arguments");
        JsonNode evals = root.path("evaluations");
        if (!args.isObject() || !evals.isArray() || evals.isEmpty() || !args.path("model").isTextual()) {
            throw new InvalidInputException(file, "not a mer result file (no arguments or evaluations)");
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        args.fields().forEachRemaining(e -> arguments.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        List<Evaluation> log = new ArrayList<>(evals.size());
        for (JsonNode e : evals) {
            JsonNode acc = e.path("accuracies");
            if (!acc.isArray() || !e.path("task").canConvertToInt()) {
                throw new InvalidInputException(file, "an evaluation without task or accuracies");
            }
            float[] a = new float[acc.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) acc.get(i).asDouble();
            }
            log.add(new Evaluation(e.path("task").asInt(), e.path("batches_seen").asLong(), a));
        }
        AccuracyMatrix matrix;
        try {
            matrix = AccuracyMatrix.of(log);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
        String model = args.path("model").asText();
        OptionalInt memories;
        if (root.path("suite").path("memories").canConvertToInt()) {
            memories = OptionalInt.of(root.path("suite").path("memories").asInt());
        } else if (List.of("eralg4", "eralg5", "meralg1", "meralg6", "meralg7").contains(model)) {
            memories = OptionalInt.of(args.path("memories").asInt());
        } else if (model.equals("gem")) {
            memories = OptionalInt.of(args.path("n_memories").asInt() * matrix.tasks());
        } else {
            memories = OptionalInt.empty();
        }
        return new RunRecord(file, model, root.path("dataset").asText(args.path("data_file").asText()),
                args.path("seed").asLong(), arguments, log, matrix, root.path("timing").path("seconds").asDouble(),
                root.path("examples").asLong(), memories);
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
            JsonNode root = JSON.readTree(f.toFile());
            return root.has("arguments") && root.has("evaluations");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return false;
        }
    }
}
