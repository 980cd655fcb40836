package dev.mer.experiment.summary;

import dev.mer.dataset.InvalidInputException;
import dev.mer.experiment.results.RunRecord;
import dev.mer.experiment.summary.SummaryRow;
import dev.mer.train.metrics.AccuracyMatrix;
import java.util.Arrays;
import java.util.List;

/**
 * What a heatmap draws: the accuracy matrices of a model's runs averaged cell by cell, and what
 * each row is. Runs whose rows are the same tasks in the same order (always, with tasks learnt in
 * order) are averaged row by row, in GEM's presentation order; runs that presented the tasks in
 * different orders ({@code --shuffle_tasks yes} over several seeds) are averaged task by task, row t
 * being each run's last row attributed to task t, the evaluation after it learnt task t.
 *
 * @param cells rows × tasks
 * @param rowTasks the task each row comes after; {@link #BEFORE_TRAINING} for the evaluation before any
 * @param byTask whether the rows were regrouped by task because the runs' orders differ
 */
public record MeanMatrix(double[][] cells, int[] rowTasks, boolean byTask) {
    /** The row task of the evaluation before training. */
    public static final int BEFORE_TRAINING = -1;

    public MeanMatrix {
        if (cells.length != rowTasks.length) {
            throw new IllegalArgumentException(cells.length + " rows for " + rowTasks.length + " row tasks");
        }
    }

    /** The number of rows. */
    public int rows() {
        return cells.length;
    }

    /** The number of tasks (columns). */
    public int tasks() {
        return cells.length == 0 ? 0 : cells[0].length;
    }

    /** Whether row t is the evaluation after task t for every t: the square matrix of tasks in order. */
    public boolean inTaskOrder() {
        if (rows() != tasks()) {
            return false;
        }
        for (int t = 0; t < rowTasks.length; t++) {
            if (rowTasks[t] != t) {
                return false;
            }
        }
        return true;
    }

    /**
     * The mean of the matrices of {@code row}'s runs.
     *
     * @throws InvalidInputException naming a run whose number of tasks differs from the first's, or,
     *     when their orders differ, a run without a row after some task
     */
    public static MeanMatrix of(SummaryRow row) throws InvalidInputException {
        List<RunRecord> runs = row.runs();
        AccuracyMatrix first = runs.get(0).matrix();
        int tasks = first.tasks();
        boolean sameRows = true;
        for (RunRecord r : runs) {
            AccuracyMatrix a = r.matrix();
            if (a.tasks() != tasks) {
                throw new InvalidInputException(r.file(), "has " + a.tasks() + " tasks, but "
                        + runs.get(0).file() + " of the same model and dataset has " + tasks);
            }
            sameRows &= Arrays.equals(rowTasks(a), rowTasks(first));
        }
        if (sameRows) {
            double[][] m = new double[first.rows()][tasks];
            for (RunRecord r : runs) {
                add(m, r.matrix(), rowIndices(first.rows()), runs.size());
            }
            return new MeanMatrix(m, rowTasks(first), false);
        }
        double[][] m = new double[tasks][tasks];
        for (RunRecord r : runs) {
            AccuracyMatrix a = r.matrix();
            int[] rowOf = new int[tasks];
            Arrays.fill(rowOf, -1);
            for (int k = 0; k < a.rows(); k++) {
                if (!a.rowBeforeTraining(k)) {
                    rowOf[a.rowTask(k)] = k;
                }
            }
            for (int t = 0; t < tasks; t++) {
                if (rowOf[t] < 0) {
                    throw new InvalidInputException(r.file(), "has no evaluation after task " + t
                            + ", and its tasks came in another order than in " + runs.get(0).file());
                }
            }
            add(m, a, rowOf, runs.size());
        }
        int[] identity = rowIndices(tasks);
        return new MeanMatrix(m, identity, true);
    }

    private static void add(double[][] m, AccuracyMatrix a, int[] rows, int runs) {
        for (int k = 0; k < rows.length; k++) {
            for (int j = 0; j < m[k].length; j++) {
                m[k][j] += a.get(rows[k], j) / (double) runs;
            }
        }
    }

    private static int[] rowTasks(AccuracyMatrix a) {
        int[] t = new int[a.rows()];
        for (int k = 0; k < t.length; k++) {
            t[k] = a.rowBeforeTraining(k) ? BEFORE_TRAINING : a.rowTask(k);
        }
        return t;
    }

    private static int[] rowIndices(int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }
}
