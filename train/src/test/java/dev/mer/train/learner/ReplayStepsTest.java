package dev.mer.train.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mer.random.PythonRandom;
import dev.mer.random.TorchGenerator;
import dev.mer.train.Flags;
import dev.mer.train.TrainConfig;
import dev.mer.train.network.InputShape;
import dev.mer.train.network.Mlp;
import dev.mer.train.network.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The replay learners against a straightforward implementation of the reference's loops on a tiny
 * network: a list memory, unfused backward + SGD, cloned weights for Reptile — fed the same
 * examples and the same random draws.
 */
class ReplayStepsTest {
    static final int IN = 6;
    static final int CLASSES = 3;

    static TrainConfig config(String model) {
        return TrainConfig.builder(model).set(Flags.N_HIDDENS, 5).set(Flags.LR, 0.05).set(Flags.MEMORIES, 4)
                .set(Flags.GAMMA, 0.7).set(Flags.BATCHES_PER_EXAMPLE, 3.0).set(Flags.S, 2.5)
                .set(Flags.REPLAY_BATCH_SIZE, 3.0).set(Flags.BETA, 0.4).build();
    }

    static LearnerContext context(String model) {
        return new LearnerContext(config(model), InputShape.flat(IN), CLASSES, 2, new TorchGenerator(0), new PythonRandom(11),
                new SplittableRandom(5));
    }

    /** The reference, spelled out. */
    static final class Reference {
        final Mlp net;
        final Parameters p;
        final PythonRandom random = new PythonRandom(11);
        final List<float[]> mx = new ArrayList<>();
        final List<Integer> my = new ArrayList<>();
        final TrainConfig c;
        int age;

        Reference(String model) {
            c = config(model);
            net = (Mlp) context(model).network();
            p = net.parameters();
        }

        void step(float[] x, int y, float lr) {
            p.zeroGradient();
            net.lossGradient(x, 0, y, 1f);
            p.sgdStep(lr);
        }

        int[] draws() {
            int k = Math.min(c.get(Flags.REPLAY_BATCH_SIZE).intValue(), mx.size());
            int[] d = new int[k];
            for (int j = 0; j < k; j++) {
                d[j] = random.randbelow(mx.size());
            }
            return d;
        }

        static void interpolate(float[] before, float[] now, float rate) {
            for (int i = 0; i < now.length; i++) {
                now[i] = before[i] + (now[i] - before[i]) * rate;
            }
        }

        void observe(String model, float[] x, int y) {
            age++;
            float lr = c.get(Flags.LR).floatValue();
            float[] v = p.values();
            switch (model) {
                case "meralg1" -> {
                    float[] before = v.clone();
                    for (int b = 0; b < c.get(Flags.BATCHES_PER_EXAMPLE).intValue(); b++) {
                        float[] wb = v.clone();
                        int[] d = draws();
                        step(x, y, lr);
                        for (int s : d) {
                            step(mx.get(s), my.get(s), lr);
                        }
                        interpolate(wb, v, c.get(Flags.BETA).floatValue());
                    }
                    interpolate(before, v, c.get(Flags.GAMMA).floatValue());
                }
                case "meralg6" -> {
                    for (int b = 0; b < c.get(Flags.BATCHES_PER_EXAMPLE).intValue(); b++) {
                        float[] wb = v.clone();
                        for (int s : draws()) {
                            step(mx.get(s), my.get(s), lr);
                        }
                        step(x, y, lr);
                        interpolate(wb, v, c.get(Flags.GAMMA).floatValue());
                    }
                }
                case "meralg7" -> {
                    if (age > 1) {
                        float[] wb = v.clone();
                        int[] d = draws();
                        int[] order = new int[d.length + 1];
                        for (int i = 0; i < order.length; i++) {
                            order[i] = i;
                        }
                        random.shuffle(order);
                        for (int idx : order) {
                            if (idx == 0) {
                                step(x, y, lr * c.get(Flags.S).floatValue());
                            } else {
                                step(mx.get(d[idx - 1]), my.get(d[idx - 1]), lr);
                            }
                        }
                        interpolate(wb, v, c.get(Flags.GAMMA).floatValue());
                    }
                }
                case "eralg4" -> {
                    int[] d = draws();
                    p.zeroGradient();
                    for (int s : d) {
                        net.lossGradient(mx.get(s), 0, my.get(s), 1f / (d.length + 1));
                    }
                    net.lossGradient(x, 0, y, 1f / (d.length + 1));
                    p.sgdStep(lr);
                }
                default -> throw new AssertionError(model);
            }
            if (mx.size() < c.get(Flags.MEMORIES)) {
                mx.add(x.clone());
                my.add(y);
            } else {
                int q = random.randint(0, age);
                if (q < c.get(Flags.MEMORIES)) {
                    mx.set(q, x.clone());
                    my.set(q, y);
                }
            }
        }
    }

    private static void matchesTheReference(String model) {
        LearnerContext ctx = context(model);
        Learner fast = Models.named(model).newLearner(ctx);
        Reference ref = new Reference(model);
        SplittableRandom data = new SplittableRandom(99);
        for (int e = 0; e < 25; e++) {
            float[] x = new float[IN];
            for (int i = 0; i < IN; i++) {
                x[i] = data.nextDouble() < 0.5 ? 0f : (float) data.nextDouble();
            }
            int y = data.nextInt(CLASSES);
            fast.observe(x, new int[] {y}, 1, 0);
            ref.observe(model, x, y);
            float[] a = fast.network(0).parameters().values();
            float[] b = ref.p.values();
            for (int k = 0; k < a.length; k++) {
                assertEquals(b[k], a[k], 1e-6, model + " example " + e + " parameter " + k);
            }
        }
    }

    @Test
    void meralg1MatchesTheReferenceLoop() {
        matchesTheReference("meralg1");
    }

    @Test
    void meralg6MatchesTheReferenceLoop() {
        matchesTheReference("meralg6");
    }

    @Test
    void meralg7MatchesTheReferenceLoop() {
        matchesTheReference("meralg7");
    }

    @Test
    void eralg4MatchesTheReferenceLoop() {
        matchesTheReference("eralg4");
    }
}
