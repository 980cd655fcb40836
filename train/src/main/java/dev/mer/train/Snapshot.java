package dev.mer.train;

import dev.mer.train.learner.Learner;
import dev.mer.train.network.Network;
import dev.mer.train.network.Parameters;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A frozen copy of a learner's networks at one evaluation point: each task's network and a copy of
 * the parameter vectors they read (each vector once, however many networks share it). Evaluating a
 * snapshot on another thread lets training go on meanwhile, with exactly the results an
 * evaluation at that point would give.
 */
final class Snapshot {
    private final Network[] networks;
    private final Map<Parameters, float[]> values;

    private Snapshot(Network[] networks, Map<Parameters, float[]> values) {
        this.networks = networks;
        this.values = values;
    }

    /** Copies the parameters behind every task's network. */
    static Snapshot of(Learner learner, int tasks) {
        return of(learner::network, tasks);
    }

    /** Copies the parameters behind the networks that answer for tasks {@code [0, tasks)}. */
    static Snapshot of(IntFunction<Network> network, int tasks) {
        Network[] networks = new Network[tasks];
        Map<Parameters, float[]> values = new IdentityHashMap<>();
        for (int t = 0; t < tasks; t++) {
            networks[t] = network.apply(t);
            values.computeIfAbsent(networks[t].parameters(), p -> p.values().clone());
        }
        return new Snapshot(networks, values);
    }

    /** Task t's live network (its parameters have moved on since). */
    Network network(int t) {
        return networks[t];
    }

    /** The frozen values of the vector task t's network reads. */
    float[] values(int t) {
        return values.get(networks[t].parameters());
    }
}
