package dev.mer.experiment.summary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.experiment.results.ResultFixtures;
import dev.mer.experiment.results.RunRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveTest {
    @TempDir
    Path dir;

    private List<RunRecord> twoSeeds() throws IOException {
        // ResultFixtures logs a baseline of zeros after 0 batches, then row t after 10 (t + 1) batches
        ResultFixtures.write(dir, "s0", "online", "mnist_rotations", 0, new float[][] {{0.8f, 0.2f}, {0.4f, 0.8f}}, 1);
        ResultFixtures.write(dir, "s1", "online", "mnist_rotations", 1, new float[][] {{0.6f, 0.2f}, {0.2f, 0.6f}}, 1);
        return RunRecord.readAll(List.of(dir));
    }

    @Test
    void firstTaskIsTheMeanAndSampleStdOverSeedsAtEachEvaluation() throws IOException {
        Curve c = Curve.firstTask(twoSeeds());
        assertArrayEquals(new double[] {0, 10, 20}, c.examples());
        assertArrayEquals(new double[] {0, 0.7, 0.3}, c.mean(), 1e-6);
        assertArrayEquals(new double[] {0, Math.sqrt(0.02), Math.sqrt(0.02)}, c.std(), 1e-6);
    }

    @Test
    void meanOverTasksAveragesEveryTasksAccuracyIncludingTasksNotYetSeen() throws IOException {
        Curve c = Curve.meanOverTasks(twoSeeds());
        // after task 0: (0.8 + 0.2) / 2 = 0.5 and (0.6 + 0.2) / 2 = 0.4; after task 1: 0.6 and 0.4
        assertArrayEquals(new double[] {0, 0.45, 0.5}, c.mean(), 1e-6);
    }

    @Test
    void aRunWithOtherEvaluationPointsIsInterpolatedOntoTheFirstRuns() throws IOException {
        List<RunRecord> runs = twoSeeds();
        RunRecord s1 = runs.get(1);
        // the same run with twice the batch size: its points are at 0, 20 and 40 examples
        Map<String, Object> args = new LinkedHashMap<>(s1.arguments());
        args.put("batch_size", 2);
        RunRecord doubled = new RunRecord(s1.file(), s1.model(), s1.dataset(), s1.seed(), args, s1.log(), s1.matrix(),
                s1.seconds(), s1.examples(), s1.memories());
        assertEquals(40.0, Curve.examplesSeen(doubled, doubled.log().get(2)));
        Curve c = Curve.firstTask(List.of(runs.get(0), doubled));
        // at 10 examples the doubled run is halfway between 0 (at 0) and 0.6 (at 20): 0.3
        assertArrayEquals(new double[] {0, (0.8 + 0.3) / 2, (0.4 + 0.6) / 2}, c.mean(), 1e-6);
    }

    @Test
    void theMatrixHeatmapAveragesTheSeedsCellByCell() throws IOException {
        MeanMatrix mean = MeanMatrix.of(Summary.of(twoSeeds()).get(0));
        double[][] m = mean.cells();
        assertArrayEquals(new double[] {0.7, 0.2}, m[0], 1e-6);
        assertArrayEquals(new double[] {0.3, 0.7}, m[1], 1e-6);
        assertTrue(mean.inTaskOrder());
    }

    @Test
    void shuffledRunsInOneOrderKeepGemsRowsLabelledWithTheirTasks() throws IOException {
        RunRecord a = ResultFixtures.shuffled(dir, "a", 0, true, new float[] {0.2f, 0.9f}, new float[] {0.8f, 0.6f});
        RunRecord b = ResultFixtures.shuffled(dir, "b", 1, true, new float[] {0.4f, 0.7f}, new float[] {0.6f, 0.4f});
        assertEquals(3, a.matrix().rows());
        assertEquals(List.of(10.0), Curve.taskBoundaries(a)); // none at 0 examples, where task 1 starts
        MeanMatrix mean = MeanMatrix.of(Summary.of(List.of(a, b)).get(0));
        assertFalse(mean.inTaskOrder());
        assertFalse(mean.byTask());
        assertArrayEquals(new int[] {MeanMatrix.BEFORE_TRAINING, 1, 0}, mean.rowTasks());
        assertArrayEquals(new double[] {0.3, 0.8}, mean.cells()[1], 1e-6);
    }

    @Test
    void shuffledRunsInDifferentOrdersAreAveragedTaskByTask() throws IOException {
        RunRecord a = ResultFixtures.shuffled(dir, "a", 0, true, new float[] {0.2f, 0.9f}, new float[] {0.8f, 0.6f});
        RunRecord b = ResultFixtures.shuffled(dir, "b", 1, false, new float[] {0.9f, 0.1f}, new float[] {0.6f, 0.8f});
        MeanMatrix mean = MeanMatrix.of(Summary.of(List.of(a, b)).get(0));
        assertTrue(mean.byTask());
        assertTrue(mean.inTaskOrder());
        // after task 0: a's last row (0.8, 0.6) and b's first (0.9, 0.1); after task 1: (0.2, 0.9) and (0.6, 0.8)
        assertArrayEquals(new double[] {0.85, 0.35}, mean.cells()[0], 1e-6);
        assertArrayEquals(new double[] {0.4, 0.85}, mean.cells()[1], 1e-6);
    }

    @Test
    void taskBoundariesAreTheLastEvaluationOfEachTask() throws IOException {
        // the fixture attributes the evaluation after 10 batches to task 0, after 20 to task 1
        assertEquals(List.of(10.0), Curve.taskBoundaries(twoSeeds().get(0)));
    }
}
