package dev.mer.train;

import dev.mer.train.metrics.AccuracyMatrix;
import dev.mer.train.metrics.Evaluation;
import dev.mer.train.network.NamedTensor;
import java.util.List;

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
 * @param stateDict the learner's final {@code state_dict()}, named as the reference model's
 */
public record RunResult(TrainConfig config, String dataset, String manifestSha256, List<Evaluation> log,
                        AccuracyMatrix matrix, double seconds, long examples, double evaluationSeconds,
                        List<NamedTensor> stateDict) {
    public RunResult {
        log = List.copyOf(log);
        stateDict = List.copyOf(stateDict);
    }

    /** Training examples per second of wall time, evaluation included. */
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : 0;
    }
}
