package dev.mer.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Against torch 1.13's own float32 means (train/scripts/make_metrics_fixture.py). */
class TorchSumTest {
    @Test
    void theMeanIsTorchsBitForBitAtEveryLength() throws IOException {
        String text;
        try (InputStream in = TorchSumTest.class.getResourceAsStream("torch_means.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int vectors = 0;
        for (String line : text.split("\n")) {
            String[] hex = line.split(" ");
            float[] v = new float[hex.length - 1];
            for (int i = 0; i < v.length; i++) {
                v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(hex[i], 16));
            }
            float expected = Float.intBitsToFloat(Integer.parseUnsignedInt(hex[v.length], 16));
            assertEquals(expected, Evaluation.mean(v, 0, v.length), "the mean of " + v.length + " values");
            vectors++;
        }
        assertEquals(150, vectors);
    }

    /** GEM's FWT terms of a five-task run (differences of accuracies out of 20) that a running sum gets wrong. */
    @Test
    void fromFourValuesOnTheSumIsNotARunningSum() {
        // torch's order: ((((x0 + x4) + x1) + x2) + x3) = .1 + .10000001, a tie, to the even float above .2
        float[] v = {0f, 0f, 0.1f - 0.05f, 0.15f - 0.05f, 0.1f - 0.05f};
        float running = 0;
        for (float x : v) {
            running += x;
        }
        assertEquals(0.2f, running);
        assertEquals(Math.nextUp(0.2f), TorchSum.sum(v, 0, v.length));
    }
}
