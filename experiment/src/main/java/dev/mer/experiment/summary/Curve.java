package dev.mer.experiment.summary;

import dev.mer.experiment.results.RunRecord;
import dev.mer.train.metrics.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * An accuracy over the stream, averaged over seeds: at each evaluation point of the first run, the
 * mean and sample standard deviation of the runs' values there. Runs of one configuration share
 * their evaluation points; a run whose points differ is linearly interpolated onto the first run's,
 * and a point outside a run's stream leaves that run out of it.
 *
 * @param examples training examples seen at each point
 * @param mean the mean over runs at each point
 * @param std the sample standard deviation over runs at each point (0 for a single run)
 */
public record Curve(double[] examples, double[] mean, double[] std) {
    public Curve {
        if (examples.length != mean.length || examples.length != std.length) {
            throw new IllegalArgumentException("Curve arrays differ in length: " + examples.length + ", "
                    + mean.length + ", " + std.length);
        }
    }

    /** The first task's accuracy, as GEM's evolution plot. */
    public static Curve firstTask(List<RunRecord> runs) {
        return of(runs, e -> e.accuracies()[0]);
    }

    /** The mean accuracy over every task's test set (tasks not yet seen included). */
    public static Curve meanOverTasks(List<RunRecord> runs) {
        return of(runs, Evaluation::meanAccuracy);
    }

    /** Training examples seen before {@code e}: the log counts batches of the run's batch size. */
    public static double examplesSeen(RunRecord run, Evaluation e) {
        Object b = run.arguments().get("batch_size");
        long batch = b instanceof Number n && n.longValue() > 0 ? n.longValue() : 1;
        return (double) e.examplesSeen() * batch;
    }

    /** The value {@code value} of each evaluation, averaged over {@code runs} at the first run's points. */
    public static Curve of(List<RunRecord> runs, ToDoubleFunction<Evaluation> value) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("A curve of no run");
        }
        double[][] xs = new double[runs.size()][];
        double[][] ys = new double[runs.size()][];
        for (int r = 0; r < runs.size(); r++) {
            List<Evaluation> log = runs.get(r).log();
            xs[r] = new double[log.size()];
            ys[r] = new double[log.size()];
            for (int i = 0; i < log.size(); i++) {
                xs[r][i] = examplesSeen(runs.get(r), log.get(i));
                ys[r][i] = value.applyAsDouble(log.get(i));
            }
        }
        double[] grid = xs[0];
        double[] mean = new double[grid.length];
        double[] std = new double[grid.length];
        double[] at = new double[runs.size()];
        for (int i = 0; i < grid.length; i++) {
            int n = 0;
            for (int r = 0; r < runs.size(); r++) {
                double v = r == 0 ? ys[0][i] : interpolate(xs[r], ys[r], grid[i], i);
                if (!Double.isNaN(v)) {
                    at[n++] = v;
                }
            }
            double m = 0;
            for (int k = 0; k < n; k++) {
                m += at[k];
            }
            m /= n;
            double ss = 0;
            for (int k = 0; k < n; k++) {
                ss += (at[k] - m) * (at[k] - m);
            }
            mean[i] = m;
            std[i] = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        }
        return new Curve(grid, mean, std);
    }

    /**
     * Where each task ends, in training examples seen: GEM evaluates when the first batch of a new
     * task arrives, before learning it, and attributes that evaluation to the task just finished, so
     * the last evaluation of each task but the last is at its boundary.
     */
    public static List<Double> taskBoundaries(RunRecord run) {
        List<Double> out = new ArrayList<>();
        List<Evaluation> log = run.log();
        for (int i = 1; i < log.size(); i++) {
            // i = 1 changes only when the first task presented is not task 0: the attribution then
            // moves from the initial task 0 to it before any example, which is no boundary
            if (log.get(i).task() != log.get(i - 1).task() && i > 1) {
                out.add(examplesSeen(run, log.get(i - 1)));
            }
        }
        return out;
    }

    /**
     * The run's value at {@code x}: its own point when it has one at index {@code hint} (the usual
     * case: identical schedules), else linear interpolation; NaN outside its range.
     */
    private static double interpolate(double[] x, double[] y, double at, int hint) {
        if (hint < x.length && x[hint] == at) {
            return y[hint];
        }
        if (x.length == 0 || at < x[0] || at > x[x.length - 1]) {
            return Double.NaN;
        }
        for (int i = 1; i < x.length; i++) {
            if (x[i] >= at) {
                double span = x[i] - x[i - 1];
                return span == 0 ? y[i] : y[i - 1] + (y[i] - y[i - 1]) * (at - x[i - 1]) / span;
            }
        }
        return y[0];
    }
}
