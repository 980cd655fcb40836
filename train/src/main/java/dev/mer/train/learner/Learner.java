package dev.mer.train.learner;

import dev.mer.train.network.NamedTensor;
import dev.mer.train.network.Network;
import dev.mer.train.checkpoint.StateReader;
import dev.mer.train.checkpoint.StateWriter;
import java.io.IOException;
import java.util.Map;

/** A continual learner: it observes batches of one task at a time and answers with a network per task. */
public interface Learner {
    /**
     * Learns from {@code n} examples of task {@code task}: example i's inputs are
     * {@code x[i*nInputs .. (i+1)*nInputs)}, its label {@code y[i]}. The arrays are reused by the
     * caller after the call returns.
     */
    void observe(float[] x, int[] y, int n, int task);

    /**
     * Writes everything the rest of the run depends on that the learner holds: every parameter
     * vector and the learner's own state (memories, counters, the task it was on), not what it
     * rebuilds at every step. The random streams and the arguments are the trainer's to write; a
     * learner built again from the same arguments and then given {@link #readState} of this
     * continues exactly as this one would have.
     */
    void writeState(StateWriter out) throws IOException;

    /**
     * Restores what {@link #writeState} wrote, into a learner just built from the same arguments.
     *
     * @throws dev.mer.dataset.InvalidInputException naming the checkpoint when it does not fit
     */
    void readState(StateReader in) throws IOException;

    /** The network that answers for {@code task} (for evaluation); its parameters are live. */
    Network network(int task);

    /**
     * The learner's {@code state_dict()} as the reference model's names it, for main.py's {@code .pt}
     * result. The default is a model whose one network is its {@code net} attribute, as every MER
     * model but independent and taskinput.
     */
    default java.util.List<NamedTensor> stateDict() {
        return network(0).stateDict().stream().map(t -> t.prefixed("net.")).toList();
    }

    /**
     * What the learner counted while learning that a result should report, by name (snake_case,
     * prefixed with the model: e.g. gem's {@code gem_ridge_fallbacks}); the result file's
     * {@code learner} object holds them. Read once training has ended. Most learners count nothing.
     */
    default Map<String, Long> counters() {
        return Map.of();
    }
}
