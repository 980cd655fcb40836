package dev.mer.train.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mer.random.PythonRandom;
import dev.mer.random.TorchGenerator;
import dev.mer.train.TrainArguments;
import dev.mer.train.TrainConfig;
import dev.mer.train.network.InputShape;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GemTest {
    /**
     * Tasks 0 and 1 remember the same example, so at task 2 their memory gradients are the same
     * vector and the Gram matrix is singular: where the reference's quadprog fails, the step is
     * solved with the ridge and counted.
     */
    @Test
    void aSingularGramMatrixFallsBackToTheRidgeAndIsCounted() {
        TrainConfig config = TrainArguments.parse("--model gem --n_memories 1 --memory_strength 0 --lr 0.1"
                + " --n_hiddens 5").config();
        Learner gem = config.modelEntry().newLearner(new LearnerContext(config, InputShape.flat(4), 3, 3,
                new TorchGenerator(0), new PythonRandom(0), new SplittableRandom(1)));
        assertEquals(Map.of("gem_ridge_fallbacks", 0L), gem.counters());
        float[] x = {1, 0.5f, 0, 0.25f};
        gem.observe(x, new int[] {0}, 1, 0);
        gem.observe(x, new int[] {0}, 1, 1);
        assertEquals(Map.of("gem_ridge_fallbacks", 0L), gem.counters()); // one past task: never singular
        gem.observe(x, new int[] {1}, 1, 2); // against label 0: conflicts with both past tasks
        assertEquals(Map.of("gem_ridge_fallbacks", 1L), gem.counters());
    }

    /**
     * The past tasks' memory gradients are shared out between threads, each task's made by one
     * thread in a fixed order: one thread or three, the same weights to the bit.
     */
    @Test
    void theWeightsDoNotDependOnTheNumberOfThreads() {
        TrainConfig config = TrainArguments.parse("--model gem --n_memories 6 --memory_strength 0.5 --lr 0.05"
                + " --n_hiddens 20").config();
        float[][] weights = new float[2][];
        int[] threads = {1, 3};
        for (int run = 0; run < 2; run++) {
            LearnerContext c = new LearnerContext(config, InputShape.flat(30), 5, 6, new TorchGenerator(0),
                    new PythonRandom(0), new SplittableRandom(1));
            Gem gem = new Gem(c, threads[run]);
            SplittableRandom r = new SplittableRandom(7);
            float[] x = new float[30];
            for (int task = 0; task < 6; task++) {
                for (int step = 0; step < 10; step++) {
                    for (int i = 0; i < 30; i++) {
                        x[i] = r.nextDouble() < 0.3 ? (float) r.nextDouble() : 0f;
                    }
                    gem.observe(x, new int[] {r.nextInt(5)}, 1, task);
                }
            }
            weights[run] = gem.network(0).parameters().values().clone();
        }
        assertEquals(java.util.Arrays.toString(weights[0]), java.util.Arrays.toString(weights[1]));
    }
}
