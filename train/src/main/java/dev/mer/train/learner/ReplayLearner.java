package dev.mer.train.learner;

import dev.mer.train.Flags;
import dev.mer.random.PythonRandom;
import dev.mer.train.checkpoint.StateReader;
import dev.mer.train.checkpoint.StateWriter;
import dev.mer.train.memory.ReservoirBuffer;
import java.io.IOException;
import dev.mer.train.network.Network;
import dev.mer.train.network.Parameters;
import dev.mer.train.network.SparseRows;

/**
 * What MER's replay learners share: one network with GEM's initialisation, a reservoir memory fed
 * with every example after learning from it, and the example-by-example walk through a batch
 * (every replay model steps through the elements of x one at a time, as the reference does).
 */
abstract class ReplayLearner implements Learner {
    protected final Network net;
    protected final Parameters params;
    protected final ReservoirBuffer memory;
    protected final float lr;
    protected final int nInputs;
    /** {@code replay_batch_size}: replayed items per batch (k − 1 in the paper). */
    protected final int replay;
    /** Python's {@code random}, the reference's stream for the reservoir and replay draws. */
    protected final PythonRandom random;
    /** The example being learnt as its non-zero inputs (row 0), compacted once for all its steps. */
    protected final SparseRows current;

    ReplayLearner(LearnerContext c) {
        this.net = c.network();
        this.params = net.parameters();
        // the reference stores while len(M) < memories: a negative number of memories stores nothing, as 0
        this.memory = new ReservoirBuffer(Math.max(0, c.config().get(Flags.MEMORIES)), c.nInputs(), c.python());
        this.lr = c.config().get(Flags.LR).floatValue();
        this.nInputs = c.nInputs();
        // int(replay_batch_size), truncated towards zero as Python's int(); min(k, |M|) ≤ 0 replays nothing
        this.replay = Math.max(0, c.config().get(Flags.REPLAY_BATCH_SIZE).intValue());
        this.random = c.python();
        this.current = new SparseRows(1, c.nInputs());
    }

    @Override
    public final void observe(float[] x, int[] y, int n, int task) {
        for (int i = 0; i < n; i++) {
            memory.age();
            current.set(0, x, i * nInputs);
            learn(x, i * nInputs, y[i], task);
            memory.offer(x, i * nInputs, y[i], task);
        }
    }

    /** Learns from one example (inputs at {@code x[offset..]}); the memory is offered it afterwards. */
    abstract void learn(float[] x, int offset, int label, int task);

    /** {@code min(replay_batch_size, |M|)} slots drawn uniformly with replacement. */
    protected final int[] drawReplay() {
        int k = Math.min(replay, memory.size());
        int[] slots = new int[k];
        for (int j = 0; j < k; j++) {
            slots[j] = memory.draw();
        }
        return slots;
    }

    /** The network's parameters and the reservoir; the replay draws' stream is the trainer's. */
    @Override
    public final void writeState(StateWriter out) throws IOException {
        out.writeParameters("net", params);
        memory.writeState("memory", out);
    }

    @Override
    public final void readState(StateReader in) throws IOException {
        in.readParameters("net", params);
        memory.readState("memory", in, net.classes());
    }

    @Override
    public final Network network(int task) {
        return net;
    }
}
