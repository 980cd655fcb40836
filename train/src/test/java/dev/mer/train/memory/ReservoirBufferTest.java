package dev.mer.train.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.random.PythonRandom;
import org.junit.jupiter.api.Test;

class ReservoirBufferTest {
    /** The 0.999 quantile of chi-square with {@code df} degrees of freedom (Wilson–Hilferty). */
    static double chiSquareCritical(int df) {
        double z = 3.090;
        double a = 2.0 / (9 * df);
        return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
    }

    @Test
    void everyExampleIsKeptWithTheReferencesInclusionProbability() {
        int capacity = 10;
        int examples = 60;
        int trials = 40_000;
        long[] kept = new long[examples];
        PythonRandom random = new PythonRandom(7);
        float[] x = new float[1];
        for (int trial = 0; trial < trials; trial++) {
            ReservoirBuffer m = new ReservoirBuffer(capacity, 1, random);
            for (int e = 0; e < examples; e++) {
                m.age();
                x[0] = e;
                m.offer(x, 0, 0, 0);
            }
            for (int s = 0; s < m.size(); s++) {
                kept[(int) m.inputs()[s]]++;
            }
        }
        // With randint(0, age) inclusive, the first `capacity` examples stay with probability
        // (C+1)/(N+1) and later ones with C/(N+1): both ≈ C/N, the reservoir's promise.
        double chi = 0;
        for (int e = 0; e < examples; e++) {
            double p = (e < capacity ? capacity + 1.0 : capacity) / (examples + 1.0);
            double expected = trials * p;
            chi += (kept[e] - expected) * (kept[e] - expected) / expected;
            assertEquals((double) capacity / examples, kept[e] / (double) trials, 0.02, "example " + e);
        }
        assertTrue(chi < chiSquareCritical(examples - 1), "chi-square " + chi);
    }

    @Test
    void replayDrawsAreUniformOverTheMemory() {
        ReservoirBuffer m = new ReservoirBuffer(16, 1, new PythonRandom(3));
        float[] x = new float[1];
        for (int e = 0; e < 16; e++) {
            m.age();
            x[0] = e;
            m.offer(x, 0, 0, 0);
        }
        int draws = 160_000;
        long[] count = new long[16];
        for (int i = 0; i < draws; i++) {
            count[m.draw()]++;
        }
        double chi = 0;
        for (long c : count) {
            chi += (c - draws / 16.0) * (c - draws / 16.0) / (draws / 16.0);
        }
        assertTrue(chi < chiSquareCritical(15), "chi-square " + chi);
    }
}
