package dev.mer.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Against GEM's own confusion_matrix, run by train/scripts/make_metrics_fixture.py with torch. */
class AccuracyMatrixTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = AccuracyMatrixTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Evaluation> log(String name) throws IOException {
        List<Evaluation> log = new ArrayList<>();
        for (String line : resource(name + ".log").split("\n")) {
            String[] f = line.split(" ");
            float[] acc = new float[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                acc[i - 1] = (float) Double.parseDouble(f[i]);
            }
            log.add(new Evaluation(Integer.parseInt(f[0]), log.size(), acc));
        }
        return log;
    }

    @ParameterizedTest
    @ValueSource(strings = {"three_tasks", "ties", "one_task"})
    void writesGemsResultFileByteForByte(String name) throws IOException {
        assertEquals(resource(name + ".txt"), AccuracyMatrix.of(log(name)).gemText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"three_tasks", "ties", "one_task"})
    void metricsEqualGemsFloat32Values(String name) throws IOException {
        AccuracyMatrix m = AccuracyMatrix.of(log(name));
        String[] stats = resource(name + ".stats").strip().split(" ");
        assertEquals((float) Double.parseDouble(stats[0]), m.retainedAccuracy());
        assertEquals((float) Double.parseDouble(stats[1]), m.bti());
        assertEquals((float) Double.parseDouble(stats[2]), m.fwt());
        assertEquals((float) Double.parseDouble(stats[3]), m.learningAccuracy());
    }

    @Test
    void handComputedThreeTaskExample() throws IOException {
        AccuracyMatrix m = AccuracyMatrix.of(log("three_tasks"));
        assertEquals(3, m.tasks());
        // rows are the last evaluation attributed to each task
        assertEquals(0.9f, m.get(0, 0));
        assertEquals(0.95f, m.get(1, 1));
        assertEquals(0.96875f, m.get(2, 2));
        assertEquals((0.5f + 0.8f + 0.96875f) / 3, m.retainedAccuracy(), 1e-6);
        assertEquals((0.9f + 0.95f + 0.96875f) / 3, m.learningAccuracy(), 1e-6);
        assertEquals(((0.5f - 0.9f) + (0.8f - 0.95f) + 0f) / 3, m.bti(), 1e-6);
        assertEquals(((0.5f - 0.9f) + (0.8f - 0.95f)) / 2, m.btiExcludingLast(), 1e-6);
        assertEquals((0f + (0.3f - 0.09f) + (0.31f - 0.11f)) / 3, m.fwt(), 1e-6);
        assertEquals(((0.3f - 0.09f) + (0.31f - 0.11f)) / 2, m.fwtExcludingFirst(), 1e-6);
    }

    @Test
    void formatsLikePythonsPercentFourF() {
        assertEquals("0.0312", AccuracyMatrix.format4(0.03125f));
        assertEquals("0.0938", AccuracyMatrix.format4(0.09375f));
        assertEquals("-0.0000", AccuracyMatrix.format4(-1.6666948795318604e-05f));
        assertEquals("-0.0000", AccuracyMatrix.format4(-0.0f));
        assertEquals("1.0000", AccuracyMatrix.format4(1f));
    }

    @Test
    void aLogThatRevisitsATaskIsRefused() {
        List<Evaluation> log = List.of(new Evaluation(0, 0, new float[] {0, 0}), new Evaluation(1, 1, new float[] {0, 0}),
                new Evaluation(0, 2, new float[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> AccuracyMatrix.of(log));
    }
}
