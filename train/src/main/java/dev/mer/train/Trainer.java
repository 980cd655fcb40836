package dev.mer.train;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.Manifest;
import dev.mer.dataset.TaskRows;
import dev.mer.dataset.TaskSet;
import dev.mer.dataset.TaskSetFile;
import dev.mer.dataset.files.Digests;
import dev.mer.random.PythonRandom;
import dev.mer.random.TorchGenerator;
import dev.mer.train.continuum.Continuum;
import dev.mer.train.learner.Learner;
import dev.mer.train.learner.LearnerContext;
import dev.mer.train.metrics.AccuracyMatrix;
import dev.mer.train.network.InputShape;
import dev.mer.train.metrics.Evaluation;
import dev.mer.train.checkpoint.CheckpointFile;
import dev.mer.train.checkpoint.CheckpointPolicy;
import dev.mer.train.checkpoint.RunStopped;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * GEM's {@code life_experience}: the learner observes the continuum batch by batch; every task's
 * test set is evaluated before the first batch, every {@code log_every} batches, at the first batch
 * of each new task (attributed to the task just finished) and at the end. As in the reference, the
 * attribution starts at task 0 whatever task is presented first: with {@code --shuffle_tasks yes}
 * the evaluation before training is attributed to task 0 ({@link AccuracyMatrix} keeps GEM's rule).
 */
public final class Trainer {
    private Trainer() {
    }

    /** Trains {@code config.model()} on {@code data} and returns the evaluation log and metrics. */
    public static RunResult run(TaskSet data, TrainConfig config, TrainProgress.Listener listener) throws IOException {
        return run(data, config, listener, CheckpointPolicy.NONE);
    }

    /**
     * Trains as {@link #run(TaskSet, TrainConfig, TrainProgress.Listener)}, keeping a checkpoint as
     * {@code checkpoints} says and, when it says to resume and the checkpoint exists, continuing
     * from it: the result is then that of the uninterrupted run, bit for bit, but for its timing
     * (the elapsed times add up over the sessions).
     *
     * @throws RunStopped when {@code checkpoints.stop()} asked to stop (the checkpoint is written)
     * @throws InvalidInputException when the checkpoint to resume from is corrupt, or was written
     *     by a run with other arguments or on another task-set
     */
    public static RunResult run(TaskSet data, TrainConfig config, TrainProgress.Listener listener,
                                CheckpointPolicy checkpoints) throws IOException {
        Manifest manifest = data.manifest();
        int nTasks = manifest.taskCount();
        int nInputs = manifest.nInputs();
        checkLabels(data.train(), manifest.nClasses());
        checkLabels(data.test(), manifest.nClasses());
        int[] sizes = new int[nTasks];
        for (int t = 0; t < nTasks; t++) {
            sizes[t] = data.train().task(t).rows();
            if (sizes[t] == 0) {
                throw new InvalidInputException(data.directory(), "task " + t + " has no training rows");
            }
        }
        // The reference seeds torch and Python's random with the same seed; the continuum draws first.
        TorchGenerator torch = new TorchGenerator(config.get(Flags.SEED));
        PythonRandom python = new PythonRandom(config.get(Flags.SEED));
        Continuum continuum = Continuum.draw(sizes, config.get(Flags.SAMPLES_PER_TASK), config.get(Flags.N_EPOCHS),
                config.get(Flags.SHUFFLE_TASKS), torch, python);
        // what the model's reference cannot run on this stream, refused before any training
        config.modelEntry().check(config, continuum);
        Learner learner = config.modelEntry().newLearner(new LearnerContext(config, new InputShape(manifest.shape()),
                manifest.nClasses(), nTasks, torch, python, new SplittableRandom(config.get(Flags.SEED))));
        String digest = manifestDigest(manifest);
        RunPosition from = RunPosition.START;
        if (checkpoints.enabled() && checkpoints.resume() && Files.exists(checkpoints.file())) {
            from = CheckpointFile.read(checkpoints.file(), in -> RunPosition.read(in, config, digest, continuum, nTasks,
                    torch, python, learner));
        }
        Evaluator evaluator = new Evaluator(data.test());
        TaskRows[] train = new TaskRows[nTasks];
        for (int t = 0; t < nTasks; t++) {
            train[t] = data.train().task(t);
        }

        int batchSize = config.get(Flags.BATCH_SIZE);
        float[] x = new float[batchSize * nInputs];
        int[] y = new int[batchSize];
        long batches = continuum.batches(batchSize);
        long start = System.nanoTime();
        double startup = from.startupSeconds();
        try (Evaluations evaluations = new Evaluations(evaluator, nTasks, learner.network(0))) {
            evaluations.restore(from.log());
            int currentTask = from.task();
            long batch = from.batches();
            long lastReport = start;
            int lastCheckpoint = from.examples();
            long lastCheckpointNanos = start;
            // only a process's first run, and only from its first example, measures the fixed cost
            boolean measureStartup = FIRST_RUN.getAndSet(false) && from.examples() == 0;
            for (int i = from.examples(); i < continuum.length(); ) {
                int t = continuum.task(i);
                if (checkpoints.enabled()) {
                    boolean stop = checkpoints.stop().getAsBoolean();
                    boolean due = i > lastCheckpoint && (t != currentTask
                            || checkpoints.every() > 0 && i - lastCheckpoint >= checkpoints.every())
                            && System.nanoTime() - lastCheckpointNanos >= checkpoints.minSeconds() * 1e9;
                    if (stop || due) {
                        RunPosition here = new RunPosition(i, batch, currentTask, from.seconds() + (System.nanoTime() - start) / 1e9,
                                evaluations.await(), from.evaluationSeconds() + evaluations.secondsThisSession(),
                                startup);
                        CheckpointFile.write(checkpoints.file(), out -> here.write(out, checkpoints.runName(), config,
                                digest, torch, python, learner));
                        lastCheckpoint = i;
                        lastCheckpointNanos = System.nanoTime();
                        if (stop) {
                            throw new RunStopped(checkpoints.file(), i, continuum.length());
                        }
                    }
                }
                if (batch % config.get(Flags.LOG_EVERY) == 0 || t != currentTask) {
                    evaluations.submit(currentTask, batch, learner);
                    currentTask = t;
                }
                int n = continuum.batchLength(i, batchSize);
                for (int k = 0; k < n; k++) {
                    int row = continuum.row(i + k);
                    train[t].copyRow(row, x, k * nInputs);
                    y[k] = train[t].label(row);
                }
                if (measureStartup && i == 0) {
                    startup = secondsSinceProcessStart();
                }
                learner.observe(x, y, n, t);
                i += n;
                batch++;
                long now = System.nanoTime();
                if (now - lastReport > 500_000_000L) {
                    lastReport = now;
                    listener.progress(new TrainProgress(batch, batches, t, evaluations.latestMean(), now - start));
                }
            }
            evaluations.submit(currentTask, batch, learner);
            List<Evaluation> log = evaluations.await();
            long end = System.nanoTime();
            listener.progress(new TrainProgress(batch, batches, currentTask, log.get(log.size() - 1).meanAccuracy(), end - start));
            return new RunResult(config, data.directory().getFileName().toString(), digest, log,
                    AccuracyMatrix.of(log), from.seconds() + (end - start) / 1e9, continuum.length(),
                    from.evaluationSeconds() + evaluations.secondsThisSession(), startup, learner.counters(),
                    learner.stateDict());
        }
    }

    /**
     * The run name kept in the checkpoint {@code file} ({@link CheckpointPolicy#runName}), read before
     * resuming from it, so that a resumed run writes its results under the name its first session
     * chose; empty when there is no checkpoint.
     *
     * @throws InvalidInputException when the file is not a whole checkpoint of this version
     */
    public static java.util.Optional<String> checkpointedRunName(java.nio.file.Path file) throws IOException {
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(RunPosition.readName(CheckpointFile.read(file)));
    }

    /** Whether no run has started yet in this process: only the first run's start measures its fixed cost. */
    private static final java.util.concurrent.atomic.AtomicBoolean FIRST_RUN =
            new java.util.concurrent.atomic.AtomicBoolean(true);

    /** Seconds since this process started, as the operating system records it (NaN where it does not say). */
    private static double secondsSinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toNanos() / 1e9)
                .orElse(Double.NaN);
    }

    /**
     * Every label of {@code split} must be a class of the manifest: a label outside
     * {@code [0, n_classes)} would index past the network's outputs. One pass over the label
     * column (4 bytes a row, memory-mapped).
     *
     * @throws InvalidInputException naming the split's file, the task, the row and the label
     */
    static void checkLabels(TaskSetFile split, int nClasses) throws IOException {
        int[] y = new int[1 << 16];
        for (int t = 0; t < split.manifest().taskCount(); t++) {
            TaskRows task = split.task(t);
            for (int from = 0; from < task.rows(); from += y.length) {
                int n = Math.min(y.length, task.rows() - from);
                task.copyLabels(from, n, y, 0);
                for (int i = 0; i < n; i++) {
                    if (y[i] < 0 || y[i] >= nClasses) {
                        throw new InvalidInputException(split.path(), "task " + t + ", row " + (from + i)
                                + ": label " + y[i] + " is not a class of the manifest's " + nClasses
                                + " (0 to " + (nClasses - 1) + ")");
                    }
                }
            }
        }
    }

    private static String manifestDigest(Manifest m) {
        return Digests.sha256(m.toJson());
    }
}
