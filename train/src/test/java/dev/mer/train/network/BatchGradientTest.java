package dev.mer.train.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class BatchGradientTest {
    @Test
    void equalsTheMeanOfSingleExampleGradients() {
        Mlp net = Mlp.dense(20, 9, 7, 5);
        net.initXavier(new SplittableRandom(8));
        Parameters p = net.layers()[0].params();
        SplittableRandom r = new SplittableRandom(1);
        int n = 13;
        float[] x = new float[n * 20];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < 0.4 ? (float) r.nextDouble() : 0f;
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(5);
        }
        p.zeroGradient();
        for (int i = 0; i < n; i++) {
            net.backward(x, i * 20, y[i], 1f / n);
        }
        float[] expected = p.gradient().clone();
        float[] got = new float[p.size()];
        new BatchGradient(net).meanGradient(Nd4j.create(x, new long[] {n, 20}, 'c'), y, got);
        for (int k = 0; k < got.length; k++) {
            assertEquals(expected[k], got[k], 1e-5, "parameter " + k);
        }
    }
}
