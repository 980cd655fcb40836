package dev.mer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.dataset.AtomicFiles;
import dev.mer.train.metrics.AccuracyMatrix;
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
        return write(r, directory, stem, null);
    }

    /**
     * Writes {@code directory/stem.txt}, then {@code directory/stem.json} with a suite's block (or
     * none when {@code suite} is null). The JSON is written last, so that its presence means the
     * run's files are complete.
     *
     * @return the path without extension
     */
    public static Path write(RunResult r, Path directory, String stem, Map<String, Object> suite) throws IOException {
        Files.createDirectories(directory);
        Path base = directory.resolve(stem);
        AtomicFiles.writeString(directory.resolve(stem + ".txt"), r.matrix().gemText());
        ResultFile file = ResultFile.of(r, base);
        AtomicFiles.writeString(directory.resolve(stem + ".json"), (suite == null ? file : file.withSuite(suite)).toJson());
        return base;
    }

    /** The run's {@code .json} as a tree; {@code timing} is the only part that varies between identical runs. */
    public static ObjectNode json(RunResult r, Path base) {
        return JSON.valueToTree(ResultFile.of(r, base));
    }
}
