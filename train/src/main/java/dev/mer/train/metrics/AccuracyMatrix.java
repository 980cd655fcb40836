package dev.mer.train.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * GEM's {@code confusion_matrix}: from the log of evaluations, the accuracy before training
 * ({@code baseline}) and, for each task t, the accuracies on every task after t was learnt (the
 * last evaluation attributed to t). Row t, column j is the accuracy on task j after task t.
 *
 * <p>The metrics keep GEM's definitions for comparability with published numbers: BTI and FWT
 * average over all T tasks although the last term of BTI and the first of FWT are zero by
 * construction; {@link #btiExcludingLast()} and {@link #fwtExcludingFirst()} give the T−1 means.
 */
public final class AccuracyMatrix {
    private final float[] baseline;
    private final float[][] result;

    private AccuracyMatrix(float[] baseline, float[][] result) {
        this.baseline = baseline;
        this.result = result;
    }

    /**
     * Builds the matrix from a log, exactly as {@code metrics.confusion_matrix}: the number of
     * tasks is the largest attributed task + 1, and row t is the last evaluation before the
     * attribution changes.
     */
    public static AccuracyMatrix of(List<Evaluation> log) {
        if (log.isEmpty()) {
            throw new IllegalArgumentException("No evaluation to build an accuracy matrix from");
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
        if (changes.size() != nt) {
            throw new IllegalArgumentException("The log's task attribution changes " + (changes.size() - 1)
                    + " times for " + nt + " tasks; tasks must be learnt in order, each once");
        }
        float[][] rows = new float[nt][];
        for (int t = 0; t < nt; t++) {
            rows[t] = log.get(changes.get(t) - 1).accuracies();
        }
        return new AccuracyMatrix(log.get(0).accuracies(), rows);
    }

    /** The number of tasks. */
    public int tasks() {
        return result.length;
    }

    /** Accuracy on task {@code j} after learning task {@code t}. */
    public float get(int t, int j) {
        return result[t][j];
    }

    /** Accuracies before any training. */
    public float[] baseline() {
        return baseline.clone();
    }

    /** Retained accuracy, GEM's "Final Accuracy": the mean of the last row. */
    public float retainedAccuracy() {
        return mean(result[tasks() - 1], 0, tasks());
    }

    /** Learning accuracy: the mean of the diagonal (computed but never printed by the reference). */
    public float learningAccuracy() {
        float[] d = new float[tasks()];
        for (int t = 0; t < tasks(); t++) {
            d[t] = result[t][t];
        }
        return mean(d, 0, d.length);
    }

    /** Backward transfer and interference, GEM's "Backward": mean over all T of final − diagonal. */
    public float bti() {
        return mean(btiTerms(), 0, tasks());
    }

    /** BTI averaged over the first T−1 tasks only (the last term is zero by construction). */
    public float btiExcludingLast() {
        return tasks() < 2 ? 0f : mean(btiTerms(), 0, tasks() - 1);
    }

    /** Forward transfer, GEM's "Forward": mean over all T of result[t−1][t] − baseline[t] (term 0 is 0). */
    public float fwt() {
        return mean(fwtTerms(), 0, tasks());
    }

    /** FWT averaged over tasks 1..T−1 only. */
    public float fwtExcludingFirst() {
        return tasks() < 2 ? 0f : mean(fwtTerms(), 1, tasks());
    }

    private float[] btiTerms() {
        float[] b = new float[tasks()];
        for (int t = 0; t < tasks(); t++) {
            b[t] = result[tasks() - 1][t] - result[t][t];
        }
        return b;
    }

    private float[] fwtTerms() {
        float[] f = new float[tasks()];
        for (int t = 1; t < tasks(); t++) {
            f[t] = result[t - 1][t] - baseline[t];
        }
        return f;
    }

    private static float mean(float[] v, int from, int to) {
        return Evaluation.mean(v, from, to);
    }

    /**
     * The result file's text, byte for byte as GEM's {@code confusion_matrix(..., fname)} writes it:
     * the baseline row, {@code |}, one row per task, a blank line, then Final Accuracy, Backward and
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
        if (Float.isNaN(x)) {
            return "nan";
        }
        String s = new BigDecimal(x).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of a negative value that rounds to zero; BigDecimal has no -0.
        return Float.floatToRawIntBits(x) < 0 && s.equals("0.0000") ? "-0.0000" : s;
    }
}
