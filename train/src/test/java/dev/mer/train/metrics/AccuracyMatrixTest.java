package dev.mer.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    @ValueSource(strings = {"three_tasks", "ties", "one_task", "twenty_tasks"})
    void writesGemsResultFileByteForByte(String name) throws IOException {
        assertEquals(resource(name + ".txt"), AccuracyMatrix.of(log(name)).gemText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"three_tasks", "ties", "one_task", "twenty_tasks"})
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
        assertEquals(3, m.rows());
        assertTrue(m.inTaskOrder());
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

    private static List<Evaluation> log(int[] tasks, float[][] accuracies) {
        List<Evaluation> log = new ArrayList<>();
        for (int i = 0; i < tasks.length; i++) {
            log.add(new Evaluation(tasks[i], i, accuracies[i]));
        }
        return log;
    }

    /**
     * Tasks presented as 1, 0 (--shuffle_tasks yes): the first evaluation is attributed to task 0,
     * the next to task 1, the last to task 0 again. GEM keeps three rows, in presentation order,
     * against two columns; its diagonal pairs row k with task k, RA is row nt−1 = 1.
     */
    @Test
    void tasksOutOfOrderKeepGemsRowsInPresentationOrder() {
        AccuracyMatrix m = AccuracyMatrix.of(log(new int[] {0, 1, 1, 0},
                new float[][] {{0.1f, 0.2f}, {0.3f, 0.5f}, {0.25f, 0.75f}, {0.9f, 0.5f}}));
        assertEquals(2, m.tasks());
        assertEquals(3, m.rows());
        assertFalse(m.inTaskOrder());
        assertEquals(List.of(0, 1, 0), List.of(m.rowTask(0), m.rowTask(1), m.rowTask(2)));
        assertTrue(m.rowBeforeTraining(0));
        assertFalse(m.rowBeforeTraining(1));
        assertEquals(0.75f, m.get(1, 1));
        assertEquals((0.25f + 0.75f) / 2, m.retainedAccuracy());
        assertEquals((0.1f + 0.75f) / 2, m.learningAccuracy());
        assertEquals(((0.25f - 0.1f) + (0.75f - 0.75f)) / 2, m.bti());
        assertEquals((0.2f - 0.2f) / 2, m.fwt());
        assertEquals("0.1000 0.2000\n|\n0.1000 0.2000\n0.2500 0.7500\n0.9000 0.5000\n\nFinal Accuracy: 0.5000\n"
                + "Backward: 0.0750\nForward:  0.0000\n", m.gemText());
    }

    /** A single evaluation (main.py with --n_epochs 0): one row, its diagonal of one value broadcast. */
    @Test
    void aLogOfOneEvaluationIsOneRow() {
        AccuracyMatrix m = AccuracyMatrix.of(log(new int[] {0}, new float[][] {{0.5f, 0.25f, 0f}}));
        assertEquals(1, m.rows());
        assertEquals(3, m.tasks());
        assertEquals(0.25f, m.retainedAccuracy());
        assertEquals(0.5f, m.learningAccuracy());
        assertEquals((0f + -0.25f + -0.5f) / 3, m.bti());
        assertEquals(0f, m.fwt());
    }

    /** Logs on which GEM's confusion_matrix itself fails (none comes out of a run) are refused. */
    @Test
    void logsGemCannotTakeAMatrixFromAreRefused() {
        float[] two = {0, 0};
        // task 2's row would be the third, of two
        assertThrows(IllegalArgumentException.class, () -> AccuracyMatrix.of(log(new int[] {0, 0, 2},
                new float[][] {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}})));
        // task 2 of two tasks
        assertThrows(IllegalArgumentException.class, () -> AccuracyMatrix.of(log(new int[] {0, 1, 2},
                new float[][] {two, two, two})));
        // two rows, three columns: a diagonal of two cannot be subtracted from a row of three
        assertThrows(IllegalArgumentException.class, () -> AccuracyMatrix.of(log(new int[] {0, 1},
                new float[][] {{0, 0, 0}, {0, 0, 0}})));
        // evaluations of different sizes
        assertThrows(IllegalArgumentException.class, () -> AccuracyMatrix.of(log(new int[] {0, 0},
                new float[][] {two, {0, 0, 0}})));
    }
}
