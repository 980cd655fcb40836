package dev.mer.experiment.results;

import dev.mer.train.Flags;
import dev.mer.train.ResultFiles;
import dev.mer.train.RunResult;
import dev.mer.train.TrainConfig;
import dev.mer.train.metrics.AccuracyMatrix;
import dev.mer.train.metrics.Evaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real result files, written by {@link ResultFiles} from runs with a chosen accuracy matrix. */
public final class ResultFixtures {
    private ResultFixtures() {
    }

    /**
     * A run of {@code model} (500 replay memories; main.py's defaults otherwise) whose log is a
     * baseline of zeros then one evaluation per task with the given matrix row.
     */
    public static RunResult result(String model, String dataset, long seed, float[][] rows, double seconds) {
        TrainConfig.Builder b = TrainConfig.builder(model).set(Flags.LR, 0.1).set(Flags.MEMORIES, 500)
                .set(Flags.SEED, seed).set(Flags.SAMPLES_PER_TASK, 10);
        if (model.equals("gem") || model.equals("ewc")) {
            b.set(Flags.N_MEMORIES, 256);
        }
        TrainConfig c = b.build();
        List<Evaluation> log = new ArrayList<>();
        log.add(new Evaluation(0, 0, new float[rows.length]));
        for (int t = 0; t < rows.length; t++) {
            log.add(new Evaluation(t, 10L * (t + 1), rows[t]));
        }
        return new RunResult(c, dataset, "abc", log, AccuracyMatrix.of(log), seconds, 10L * rows.length, 1.0);
    }

    /** Writes {@link #result} as {@code dir/stem.json} (and {@code .txt}) and returns the JSON's path. */
    public static Path write(Path dir, String stem, String model, String dataset, long seed, float[][] rows,
                             double seconds) throws IOException {
        ResultFiles.write(result(model, dataset, seed, rows, seconds), dir, stem);
        return dir.resolve(stem + ".json");
    }

    /**
     * A run of online over two tasks presented as 1, 0 (or 0, 1) with {@code --shuffle_tasks yes}:
     * GEM's log, its first evaluation attributed to task 0, written as {@code dir/stem.json} and read back.
     */
    public static RunRecord shuffled(Path dir, String stem, long seed, boolean oneFirst, float[] afterFirst,
                                     float[] afterSecond) throws IOException {
        List<Evaluation> log = new ArrayList<>();
        log.add(new Evaluation(0, 0, new float[] {0.1f, 0.1f}));
        log.add(new Evaluation(oneFirst ? 1 : 0, 10, afterFirst));
        log.add(new Evaluation(oneFirst ? 0 : 1, 20, afterSecond));
        TrainConfig c = TrainConfig.builder("online").set(Flags.SEED, seed).set(Flags.SHUFFLE_TASKS, true)
                .set(Flags.SAMPLES_PER_TASK, 10).build();
        ResultFiles.write(new RunResult(c, "mnist_rotations", "abc", log, AccuracyMatrix.of(log), 1, 20, 0.5), dir,
                stem);
        return RunRecord.read(dir.resolve(stem + ".json"));
    }
}
