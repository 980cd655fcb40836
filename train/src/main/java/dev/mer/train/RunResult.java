package dev.mer.train;

import dev.mer.train.metrics.AccuracyMatrix;
import dev.mer.train.metrics.Evaluation;
import dev.mer.train.network.NamedTensor;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run produced.
 *
 * @param config its arguments
 * @param dataset the task-set's directory name (GEM's {@code data_file})
 * @param manifestSha256 digest of the training split's manifest, identifying the data
 * @param log every evaluation, in order
 * @param matrix the accuracy matrix taken from the log
 * @param seconds wall time of training and evaluation, as the reference measures it
 * @param examples training examples observed
 * @param evaluationSeconds of which spent evaluating
 * @param startupSeconds wall time from the process's start to this run's first training example
 *     (the fixed cost of a {@code mer train}: JVM, task-set, network), for the process's first run
 *     only; NaN for the others (a suite's) and when not measured
 * @param learnerCounters what the learner counted ({@link dev.mer.train.learner.Learner#counters()}),
 *     in name order; empty for most models
 * @param stateDict the learner's final {@code state_dict()}, named as the reference model's
 */
public record RunResult(TrainConfig config, String dataset, String manifestSha256, List<Evaluation> log,
                        AccuracyMatrix matrix, double seconds, long examples, double evaluationSeconds,
                        double startupSeconds, Map<String, Long> learnerCounters, List<NamedTensor> stateDict) {
    public RunResult {
        log = List.copyOf(log);
        learnerCounters = Collections.unmodifiableMap(new TreeMap<>(learnerCounters));
        stateDict = List.copyOf(stateDict);
    }

    /** A result whose learner counted nothing and whose weights are not kept. */
    public RunResult(TrainConfig config, String dataset, String manifestSha256, List<Evaluation> log,
                     AccuracyMatrix matrix, double seconds, long examples, double evaluationSeconds) {
        this(config, dataset, manifestSha256, log, matrix, seconds, examples, evaluationSeconds, Double.NaN, Map.of(),
                List.of());
    }

    /** Training examples per second of wall time, evaluation included. */
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : 0;
    }
}
