package dev.mer.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.MerVersion;
import dev.mer.train.metrics.AccuracyMatrix;
import dev.mer.train.metrics.Evaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of a run's {@code .json} result file, used both to write it ({@link ResultFiles}) and
 * to read it back ({@link #read}): every key is written once, here, and a file with a key this
 * schema does not know is refused, naming the key.
 *
 * @param merVersion the mer that wrote it
 * @param arguments main.py's arguments as {@code vars(args)} lists them ({@link TrainConfig#asArguments})
 * @param dataset the task-set's name
 * @param manifestSha256 digest of the training split's manifest
 * @param metrics GEM's metrics of the accuracy matrix
 * @param accuracyMatrix the accuracy matrix
 * @param evaluations every evaluation, in order
 * @param examples training examples observed
 * @param learner what the learner counted, by name (e.g. gem's {@code gem_ridge_fallbacks}); absent
 *     when it counted nothing
 * @param timing the only part that varies between identical runs
 * @param oneLiner GEM's one-line summary
 * @param suite the grid row that made the run, when {@code mer suite} did; absent otherwise
 */
@JsonPropertyOrder({"mer_version", "arguments", "dataset", "manifest_sha256", "metrics", "accuracy_matrix",
    "evaluations", "examples", "learner", "timing", "one_liner", "suite"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultFile(@JsonProperty("mer_version") String merVersion, Map<String, Object> arguments,
                         String dataset, @JsonProperty("manifest_sha256") String manifestSha256, Metrics metrics,
                         @JsonProperty("accuracy_matrix") Matrix accuracyMatrix, List<Logged> evaluations,
                         long examples, Map<String, Long> learner, Timing timing,
                         @JsonProperty("one_liner") String oneLiner, Map<String, Object> suite) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * GEM's metrics; {@code *_excluding_*} average over the T−1 tasks where the term is not zero by
     * construction ({@link AccuracyMatrix}).
     */
    @JsonPropertyOrder({"ra", "la", "bti", "fwt", "bti_excluding_last_task", "fwt_excluding_first_task"})
    public record Metrics(float ra, float la, float bti, float fwt,
                          @JsonProperty("bti_excluding_last_task") float btiExcludingLastTask,
                          @JsonProperty("fwt_excluding_first_task") float fwtExcludingFirstTask) {
    }

    /**
     * The accuracies before training, and GEM's rows: the accuracy on every task at the last
     * evaluation before each change of the task attribution, in the order the tasks were presented
     * (row t after learning task t when they come in order; with {@code --shuffle_tasks yes}, one row
     * more, the evaluation before training, when the first task presented is not task 0).
     */
    @JsonPropertyOrder({"baseline", "rows"})
    public record Matrix(float[] baseline, float[][] rows) {
    }

    /** One evaluation of the log: the task it is attributed to, batches seen before it, accuracies per task. */
    @JsonPropertyOrder({"task", "batches_seen", "accuracies"})
    public record Logged(int task, @JsonProperty("batches_seen") long batchesSeen, float[] accuracies) {
    }

    /** Wall time of the run, of which evaluating (overlapping training), and its throughput. */
    @JsonPropertyOrder({"seconds", "evaluation_seconds", "examples_per_second", "startup_seconds"})
    public record Timing(double seconds, @JsonProperty("evaluation_seconds") double evaluationSeconds,
                         @JsonProperty("examples_per_second") double examplesPerSecond,
                         @JsonProperty("startup_seconds") @JsonInclude(JsonInclude.Include.NON_NULL) Double startupSeconds) {
    }

    /**
     * The result file of {@code r}, run with main.py's arguments {@code args}, whose files are
     * {@code base.txt} and {@code base.json}.
     */
    public static ResultFile of(RunResult r, MainPyArgs args, Path base) {
        AccuracyMatrix m = r.matrix();
        float[][] rows = new float[m.rows()][m.tasks()];
        for (int row = 0; row < m.rows(); row++) {
            for (int j = 0; j < m.tasks(); j++) {
                rows[row][j] = m.get(row, j);
            }
        }
        List<Logged> log = new ArrayList<>(r.log().size());
        for (Evaluation e : r.log()) {
            log.add(new Logged(e.task(), e.examplesSeen(), e.accuracies()));
        }
        return new ResultFile(MerVersion.get(), new LinkedHashMap<>(r.config().asArguments(r.dataset())), r.dataset(),
                r.manifestSha256(), new Metrics(m.retainedAccuracy(), m.learningAccuracy(), m.bti(), m.fwt(),
                        m.btiExcludingLast(), m.fwtExcludingFirst()), new Matrix(m.baseline(), rows), log,
                r.examples(), r.learnerCounters().isEmpty() ? null : new LinkedHashMap<>(r.learnerCounters()),
                new Timing(r.seconds(), r.evaluationSeconds(), r.examplesPerSecond(),
                        Double.isNaN(r.startupSeconds()) ? null : r.startupSeconds()),
                ResultFiles.oneLiner(r, args, base), null);
    }

    /** This file with a suite's block. */
    public ResultFile withSuite(Map<String, Object> block) {
        return new ResultFile(merVersion, arguments, dataset, manifestSha256, metrics, accuracyMatrix, evaluations,
                examples, learner, timing, oneLiner, block);
    }

    /** The evaluation log. */
    public List<Evaluation> log() {
        List<Evaluation> out = new ArrayList<>(evaluations.size());
        for (Logged e : evaluations) {
            out.add(new Evaluation(e.task(), e.batchesSeen(), e.accuracies()));
        }
        return out;
    }

    /** The configuration the run was made with, rebuilt from its arguments. */
    public TrainConfig config() {
        return TrainConfig.fromArguments(arguments);
    }

    /** The file's text: pretty-printed JSON with a final newline. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("Cannot write a result file", e);
        }
    }

    /**
     * Reads a result file.
     *
     * @throws InvalidInputException naming the file when it is not valid JSON, has a key this schema
     *     does not know, or lacks the arguments or the evaluations
     */
    public static ResultFile read(Path file) throws IOException {
        ResultFile f;
        try {
            JsonNode tree = JSON.readTree(file.toFile());
            if (tree == null || !tree.path("arguments").isObject() || !tree.path("evaluations").isArray()) {
                throw new InvalidInputException(file, "not a mer result file (no arguments or evaluations)");
            }
            f = JSON.treeToValue(tree, ResultFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(file, "not a mer result file: unknown field '" + e.getPropertyName()
                    + "'" + (e.getPath().size() > 1 ? " in '" + e.getPath().get(0).getFieldName() + "'" : ""));
        } catch (JacksonException e) {
            throw new InvalidInputException(file, "not valid JSON: " + e.getOriginalMessage());
        }
        if (f == null || f.arguments() == null || f.evaluations() == null || f.evaluations().isEmpty()
                || !(f.arguments().get(Flags.MODEL.name()) instanceof String)) {
            throw new InvalidInputException(file, "not a mer result file (no arguments or evaluations)");
        }
        for (Logged e : f.evaluations()) {
            if (e == null || e.accuracies() == null || e.accuracies().length == 0) {
                throw new InvalidInputException(file, "an evaluation without task or accuracies");
            }
        }
        return f;
    }
}
