package dev.mer.train.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class GroupGradientsTest {
    @Test
    void eachGroupGetsTheMeanOfItsWrittenRowsSingleExampleGradients() {
        Mlp net = Mlp.dense(20, 9, 7, 5);
        net.initXavier(new SplittableRandom(8));
        Parameters p = net.layers()[0].params();
        SplittableRandom r = new SplittableRandom(1);
        int groups = 3;
        int per = 6;
        int n = groups * per;
        float[] x = new float[n * 20];
        int[] y = new int[n];
        float[] w = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < 0.4 ? (float) r.nextDouble() : 0f;
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(5);
            w[i] = i % per < 4 || i >= per ? 1f : 0f; // group 0 has two unwritten slots
        }
        float[][] got = new float[groups][p.size()];
        new GroupGradients(net).meanGradients(Nd4j.create(x, new long[] {n, 20}, 'c'), y, w, per, got);
        for (int g = 0; g < groups; g++) {
            int count = 0;
            for (int i = g * per; i < (g + 1) * per; i++) {
                count += w[i] > 0 ? 1 : 0;
            }
            p.zeroGradient();
            for (int i = g * per; i < (g + 1) * per; i++) {
                if (w[i] > 0) {
                    net.lossGradient(x, i * 20, y[i], 1f / count);
                }
            }
            for (int k = 0; k < p.size(); k++) {
                assertEquals(p.gradient()[k], got[g][k], 1e-5, "group " + g + " parameter " + k);
            }
        }
    }
}
