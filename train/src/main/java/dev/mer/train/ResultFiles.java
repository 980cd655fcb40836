package dev.mer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.dataset.AtomicFiles;
import dev.mer.dataset.MerVersion;
import dev.mer.train.metrics.AccuracyMatrix;
import dev.mer.train.metrics.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A run's result files: {@code <model>_<dataset>_<timestamp>_<id>.txt} in GEM's exact layout, and a
 * {@code .json} beside it with everything a table or plot needs. Both are written under a
 * temporary name and renamed.
 */
public final class ResultFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {
    }

    /** GEM's file name stem: {@code model_dataset_YYYY_MM_DD_HH_MM_SS_uuidhex}. */
    public static String stem(RunResult r, LocalDateTime when, UUID id) {
        return r.config().model() + "_" + r.dataset() + "_"
                + when.format(DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss")) + "_" + id.toString().replace("-", "");
    }

    /** GEM's one-line summary: {@code PATH: {args} # RA BTI FWT # seconds}. */
    public static String oneLiner(RunResult r, Path stemPath) {
        AccuracyMatrix m = r.matrix();
        return stemPath + ": " + r.config().pythonRepr(r.dataset()) + " # "
                + String.format(Locale.ROOT, "%.3f %.3f %.3f", m.retainedAccuracy(), m.bti(), m.fwt()) + " # "
                + r.seconds();
    }

    /**
     * Writes {@code directory/stem.txt} and {@code directory/stem.json}.
     *
     * @return the path without extension
     */
    public static Path write(RunResult r, Path directory, String stem) throws IOException {
        return write(r, directory, stem, Map.of());
    }

    /**
     * Writes {@code directory/stem.txt}, then {@code directory/stem.json} with {@code extra}'s
     * entries added at the top level of the JSON (e.g. a suite's {@code "suite"} block). The JSON
     * is written last, so that its presence means the run's files are complete.
     *
     * @return the path without extension
     */
    public static Path write(RunResult r, Path directory, String stem, Map<String, ?> extra) throws IOException {
        Files.createDirectories(directory);
        Path base = directory.resolve(stem);
        AtomicFiles.writeString(directory.resolve(stem + ".txt"), r.matrix().gemText());
        ObjectNode json = json(r, base);
        for (Map.Entry<String, ?> e : extra.entrySet()) {
            json.putPOJO(e.getKey(), e.getValue());
        }
        AtomicFiles.writeString(directory.resolve(stem + ".json"), JSON.writeValueAsString(json) + "\n");
        return base;
    }

    /** Everything about the run as JSON; {@code timing} is the only part that varies between identical runs. */
    public static ObjectNode json(RunResult r, Path base) {
        ObjectNode root = JSON.createObjectNode();
        root.put("mer_version", MerVersion.get());
        ObjectNode args = root.putObject("arguments");
        for (Map.Entry<String, Object> e : r.config().asArguments(r.dataset()).entrySet()) {
            args.putPOJO(e.getKey(), e.getValue());
        }
        root.put("dataset", r.dataset());
        root.put("manifest_sha256", r.manifestSha256());
        AccuracyMatrix m = r.matrix();
        ObjectNode metrics = root.putObject("metrics");
        metrics.put("ra", m.retainedAccuracy());
        metrics.put("la", m.learningAccuracy());
        metrics.put("bti", m.bti());
        metrics.put("fwt", m.fwt());
        metrics.put("bti_excluding_last_task", m.btiExcludingLast());
        metrics.put("fwt_excluding_first_task", m.fwtExcludingFirst());
        ObjectNode matrix = root.putObject("accuracy_matrix");
        floats(matrix.putArray("baseline"), m.baseline());
        ArrayNode rows = matrix.putArray("rows");
        for (int t = 0; t < m.tasks(); t++) {
            ArrayNode row = rows.addArray();
            for (int j = 0; j < m.tasks(); j++) {
                row.add(m.get(t, j));
            }
        }
        ArrayNode evals = root.putArray("evaluations");
        for (Evaluation e : r.log()) {
            ObjectNode o = evals.addObject();
            o.put("task", e.task());
            o.put("batches_seen", e.examplesSeen());
            floats(o.putArray("accuracies"), e.accuracies());
        }
        root.put("examples", r.examples());
        ObjectNode timing = root.putObject("timing");
        timing.put("seconds", r.seconds());
        timing.put("evaluation_seconds", r.evaluationSeconds());
        timing.put("examples_per_second", r.examplesPerSecond());
        root.put("one_liner", oneLiner(r, base));
        return root;
    }

    private static void floats(ArrayNode a, float[] v) {
        for (float f : v) {
            a.add(f);
        }
    }
}
