package dev.mer.train;

import dev.mer.train.learner.Learner;
import dev.mer.train.network.Linear;
import dev.mer.train.network.Parameters;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A frozen copy of a learner's networks at one evaluation point: each task's layers and a copy of
 * the parameter vectors they view. Evaluating a snapshot on another thread lets training go on
 * meanwhile, with exactly the results an evaluation at that point would give.
 */
final class Snapshot {
    private final Linear[][] layers;
    private final Map<Parameters, float[]> values;

    private Snapshot(Linear[][] layers, Map<Parameters, float[]> values) {
        this.layers = layers;
        this.values = values;
    }

    /** Copies the parameters behind every task's network (each vector once). */
    static Snapshot of(Learner learner, int tasks) {
        Linear[][] layers = new Linear[tasks][];
        Map<Parameters, float[]> values = new IdentityHashMap<>();
        for (int t = 0; t < tasks; t++) {
            layers[t] = learner.network(t).layers();
            for (Linear l : layers[t]) {
                values.computeIfAbsent(l.params(), p -> p.values().clone());
            }
        }
        return new Snapshot(layers, values);
    }

    /** Task t's layers, input first. */
    Linear[] layers(int t) {
        return layers[t];
    }

    /** The frozen values of the vector {@code layer} views. */
    float[] values(Linear layer) {
        return values.get(layer.params());
    }
}
