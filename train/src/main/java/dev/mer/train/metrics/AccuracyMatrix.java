package dev.mer.train.metrics;

import dev.mer.train.PythonText;
import java.util.ArrayList;
import java.util.List;

/**
 * GEM's {@code confusion_matrix}: from the log of evaluations, the accuracy before training
 * ({@code baseline}) and the rows of the matrix: the last evaluation before each change of the
 * log's task attribution, in the order the tasks were presented. Column j is the accuracy on task
 * j's test set.
 *
 * <p>With tasks learnt in order, row t is the accuracy on every task after learning task t, and
 * the matrix is square. With {@code --shuffle_tasks yes} the reference keeps the same rule, so its
 * rows follow the presentation order while its columns and its metrics follow the task ids: when
 * the first task presented is not task 0, the evaluation before training (attributed to task 0,
 * where {@code life_experience}'s {@code current_task} starts) is a row of its own and the matrix
 * has one row more than it has tasks; the diagonal pairs the k-th row with task k, and RA is row
 * {@code nt−1} ({@code nt} = the largest attributed task + 1), not necessarily the last. This class
 * computes exactly what the reference computes for any log the reference can produce, in order or
 * not, and refuses, saying why, the logs on which {@code confusion_matrix} itself would fail.
 *
 * <p>The metrics keep GEM's definitions for comparability with published numbers: BTI and FWT
 * average over all T tasks although, with tasks in order, the last term of BTI and the first of
 * FWT are zero by construction; {@link #btiExcludingLast()} and {@link #fwtExcludingFirst()} give
 * the T−1 means.
 */
public final class AccuracyMatrix {
    private final float[] baseline;
    private final float[][] result;
    /** The task each row's evaluation is attributed to, and its index in the log. */
    private final int[] rowTask;
    private final int[] rowEvaluation;
    /** GEM's {@code nt}: the largest attributed task + 1. */
    private final int nt;

    private AccuracyMatrix(float[] baseline, float[][] result, int[] rowTask, int[] rowEvaluation, int nt) {
        this.baseline = baseline;
        this.result = result;
        this.rowTask = rowTask;
        this.rowEvaluation = rowEvaluation;
        this.nt = nt;
    }

    /**
     * Builds the matrix from a log, exactly as {@code metrics.confusion_matrix}: {@code nt} is the
     * largest attributed task + 1, and the rows are the evaluations before each change of attribution
     * and the last one.
     *
     * @throws IllegalArgumentException for a log on which {@code confusion_matrix} fails: evaluations
     *     of different numbers of tasks, no row {@code nt−1}, a task beyond the columns, or fewer rows
     *     than columns (but one), whose diagonal cannot be subtracted from a row
     */
    public static AccuracyMatrix of(List<Evaluation> log) {
        if (log.isEmpty()) {
            throw new IllegalArgumentException("No evaluation to build an accuracy matrix from");
        }
        int columns = log.get(0).accuracies().length;
        for (int i = 1; i < log.size(); i++) {
            if (log.get(i).accuracies().length != columns) {
                throw new IllegalArgumentException("Evaluation " + i + " of the log has " + log.get(i).accuracies().length
                        + " accuracies, the first has " + columns);
            }
        }
        int nt = log.stream().mapToInt(Evaluation::task).max().getAsInt() + 1;
        List<Integer> changes = new ArrayList<>();
        int current = log.get(0).task();
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).task() != current) {
                changes.add(i);
                current = log.get(i).task();
            }
        }
        changes.add(log.size());
        int rows = changes.size();
        if (nt > columns) {
            throw new IllegalArgumentException("The log attributes an evaluation to task " + (nt - 1) + " but evaluates "
                    + columns + " tasks");
        }
        if (nt > rows) {
            throw new IllegalArgumentException("The log's task attribution changes " + (rows - 1) + " times, too few for"
                    + " task " + (nt - 1) + " to have a row of the accuracy matrix");
        }
        // the diagonal has min(rows, columns) values, subtracted from a row of `columns` values
        if (rows < columns && rows != 1) {
            throw new IllegalArgumentException("The log's task attribution changes " + (rows - 1) + " times for "
                    + columns + " tasks: the accuracy matrix's diagonal would be shorter than its rows");
        }
        float[][] result = new float[rows][];
        int[] rowTask = new int[rows];
        int[] rowEvaluation = new int[rows];
        for (int r = 0; r < rows; r++) {
            rowEvaluation[r] = changes.get(r) - 1;
            result[r] = log.get(rowEvaluation[r]).accuracies();
            rowTask[r] = log.get(rowEvaluation[r]).task();
        }
        return new AccuracyMatrix(log.get(0).accuracies(), result, rowTask, rowEvaluation, nt);
    }

    /** The number of tasks: the test sets every evaluation measures, the matrix's columns. */
    public int tasks() {
        return baseline.length;
    }

    /**
     * The number of rows: the number of tasks when they are learnt in order; one more when the
     * first task presented is not task 0; one for a log of a single evaluation (no training).
     */
    public int rows() {
        return result.length;
    }

    /** Accuracy on task {@code j} at row {@code r} (with tasks in order: after learning task r). */
    public float get(int r, int j) {
        return result[r][j];
    }

    /** The task row {@code r}'s evaluation is attributed to: the task learnt just before it. */
    public int rowTask(int r) {
        return rowTask[r];
    }

    /**
     * Whether row {@code r} is the evaluation before any training (the log's first), as the first
     * row is when the first task presented is not task 0.
     */
    public boolean rowBeforeTraining(int r) {
        return rowEvaluation[r] == 0;
    }

    /** Whether the rows are tasks 0, 1, …, T−1 in order: the square matrix of tasks learnt in order. */
    public boolean inTaskOrder() {
        if (rows() != tasks()) {
            return false;
        }
        for (int r = 0; r < rows(); r++) {
            if (rowTask[r] != r) {
                return false;
            }
        }
        return true;
    }

    /** Accuracies before any training. */
    public float[] baseline() {
        return baseline.clone();
    }

    /** Retained accuracy, GEM's "Final Accuracy": the mean of row {@code nt−1} (the last row, in order). */
    public float retainedAccuracy() {
        return mean(result[nt - 1], 0, tasks());
    }

    /** Learning accuracy: the mean of the diagonal (computed but never printed by the reference). */
    public float learningAccuracy() {
        float[] d = diagonal();
        return mean(d, 0, d.length);
    }

    /** Backward transfer and interference, GEM's "Backward": mean over all T of row nt−1 − diagonal. */
    public float bti() {
        return mean(btiTerms(), 0, tasks());
    }

    /** BTI averaged over the first T−1 tasks only (with tasks in order the last term is zero by construction). */
    public float btiExcludingLast() {
        return tasks() < 2 ? 0f : mean(btiTerms(), 0, tasks() - 1);
    }

    /** Forward transfer, GEM's "Forward": mean over nt of result[t−1][t] − baseline[t] (term 0 is 0). */
    public float fwt() {
        return mean(fwtTerms(), 0, nt);
    }

    /** FWT averaged over tasks 1..nt−1 only. */
    public float fwtExcludingFirst() {
        return nt < 2 ? 0f : mean(fwtTerms(), 1, nt);
    }

    /** torch's {@code diag()} of the rows × columns matrix: min(rows, columns) values. */
    private float[] diagonal() {
        float[] d = new float[Math.min(rows(), tasks())];
        for (int t = 0; t < d.length; t++) {
            d[t] = result[t][t];
        }
        return d;
    }

    /** {@code result[nt−1] − acc}, the diagonal broadcast when it has one value (a single row). */
    private float[] btiTerms() {
        float[] acc = diagonal();
        float[] b = new float[tasks()];
        for (int t = 0; t < tasks(); t++) {
            b[t] = result[nt - 1][t] - acc[acc.length == 1 ? 0 : t];
        }
        return b;
    }

    private float[] fwtTerms() {
        float[] f = new float[nt];
        for (int t = 1; t < nt; t++) {
            f[t] = result[t - 1][t] - baseline[t];
        }
        return f;
    }

    private static float mean(float[] v, int from, int to) {
        return Evaluation.mean(v, from, to);
    }

    /**
     * The result file's text, byte for byte as GEM's {@code confusion_matrix(..., fname)} writes it:
     * the baseline row, {@code |}, every row of the matrix, a blank line, then Final Accuracy, Backward and
     * Forward with four decimals.
     */
    public String gemText() {
        StringBuilder sb = new StringBuilder();
        row(sb, baseline);
        sb.append("|\n");
        for (float[] r : result) {
            row(sb, r);
        }
        sb.append('\n');
        sb.append("Final Accuracy: ").append(format4(retainedAccuracy())).append('\n');
        sb.append("Backward: ").append(format4(bti())).append('\n');
        sb.append("Forward:  ").append(format4(fwt())).append('\n');
        return sb.toString();
    }

    private static void row(StringBuilder sb, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(format4(values[i]));
        }
        sb.append('\n');
    }

    /** Python's {@code '%.4f' % x} for a float32 x: correctly rounded, ties to even. */
    public static String format4(float x) {
        return PythonText.fixed(x, 4);
    }
}
