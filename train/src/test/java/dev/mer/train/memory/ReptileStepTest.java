package dev.mer.train.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.mer.train.network.Parameters;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReptileStepTest {
    private static void randomise(Parameters p, SplittableRandom r) {
        float[] v = p.values();
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) r.nextGaussian();
        }
    }

    @Test
    void endThenBeginIsEndFollowedByBeginBitForBit() {
        for (float rate : new float[] {0.03f, 0.5f, 1f}) {
            SplittableRandom r = new SplittableRandom(7);
            Parameters a = new Parameters(1000);
            Parameters b = new Parameters(1000);
            randomise(a, r);
            b.copyFrom(a);
            ReptileStep ra = new ReptileStep(a);
            ReptileStep rb = new ReptileStep(b);
            ra.begin();
            rb.begin();
            for (int batch = 0; batch < 4; batch++) {
                SplittableRandom steps = new SplittableRandom(batch);
                randomise(a, steps); // the inner steps' result, the same in both
                b.copyFrom(a);
                ra.end(rate);
                ra.begin();
                rb.endThenBegin(rate);
                assertArrayEquals(a.values(), b.values(), "rate " + rate + " batch " + batch);
            }
            randomise(a, new SplittableRandom(99));
            b.copyFrom(a);
            ra.end(rate);
            rb.end(rate);
            assertArrayEquals(a.values(), b.values(), "rate " + rate);
        }
    }

    @Test
    void endInterpolatesFromTheRememberedWeights() {
        Parameters p = new Parameters(3);
        float[] v = p.values();
        v[0] = 1f;
        v[1] = 2f;
        v[2] = -4f;
        ReptileStep step = new ReptileStep(p);
        step.begin();
        v[0] = 3f;
        v[1] = 2f;
        v[2] = 0f;
        step.end(0.25f);
        assertArrayEquals(new float[] {1.5f, 2f, -3f}, p.values());
    }
}
