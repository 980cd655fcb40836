package dev.mer.bench;

import java.io.IOException;
import java.util.Arrays;

/**
 * {@link EvaluationBenchmark}'s evaluations timed in turn inside one process, round after round
 * (dense products, then the hybrid evaluation, then the non-zero walk, …), printing the median
 * time per row of each and their ratios: on a machine that other work shares, load that comes and
 * goes then weighs on every side alike, where JMH's forks, one method after another, can each meet
 * a different load.
 *
 * <p>Run: {@code bench/evaluation.sh --alternating [ROUNDS]}.
 */
public final class EvaluationAlternating {
    private EvaluationAlternating() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 41;
        System.out.printf("%-8s %8s %6s %13s %14s %16s %10s %10s %12s %12s%n", "inputs", "non-zero", "rounds",
                "dense µs/row", "hybrid µs/row", "non-zero µs/row", "dense/hyb", "dense/nz", "dense GFLOP/s",
                "nz GFLOP/s");
        for (String inputs : new String[] {"mnist", "fashion"}) {
            EvaluationBenchmark b = new EvaluationBenchmark();
            b.inputs = inputs;
            b.prepare();
            for (int i = 0; i < 20; i++) {
                b.denseGemm();
                b.hybrid();
                b.nonZeroInputs();
            }
            double[] dense = new double[rounds];
            double[] hybrid = new double[rounds];
            double[] nonZero = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                b.denseGemm();
                long t1 = System.nanoTime();
                b.hybrid();
                long t2 = System.nanoTime();
                b.nonZeroInputs();
                long t3 = System.nanoTime();
                dense[i] = (t1 - t0) / 1e3 / EvaluationBenchmark.ROWS;
                hybrid[i] = (t2 - t1) / 1e3 / EvaluationBenchmark.ROWS;
                nonZero[i] = (t3 - t2) / 1e3 / EvaluationBenchmark.ROWS;
            }
            double d = median(dense);
            double h = median(hybrid);
            double z = median(nonZero);
            // multiply-adds per row: all of the dense products; the non-zero walk's first layer over
            // the row's non-zero inputs, its further layers whole
            double share = b.rows.nonZeroShare();
            double denseFlop = 2.0 * (784 * 100 + 100 * 100 + 100 * 10);
            double nzFlop = 2.0 * (share * 784 * 100 + 100 * 100 + 100 * 10);
            System.out.printf("%-8s %7.1f%% %6d %13.3f %14.3f %16.3f %9.2fx %9.2fx %12.1f %12.1f%n", inputs,
                    100 * share, rounds, d, h, z, d / h, d / z, denseFlop / d / 1e3, nzFlop / z / 1e3);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
