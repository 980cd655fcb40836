package dev.mer.train.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GemProjectionTest {
    private static double objective(double[][] p, double[] c, double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += c[i] * v[i];
            for (int j = 0; j < v.length; j++) {
                s += 0.5 * v[i] * p[i][j] * v[j];
            }
        }
        return s;
    }

    /** The exhaustive answer: the best KKT point over every choice of bound constraints. */
    private static double[] bruteForce(double[][] p, double[] c, double lower) {
        int n = c.length;
        double best = Double.POSITIVE_INFINITY;
        double[] bestV = null;
        for (int mask = 0; mask < (1 << n); mask++) {
            // free set = bits of mask; solve the free system with the bound ones at `lower` (Gauss)
            double[][] a = new double[n][n + 1];
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    double rhs = -c[i];
                    for (int j = 0; j < n; j++) {
                        if ((mask & (1 << j)) != 0) {
                            a[i][j] = p[i][j];
                        } else {
                            rhs -= p[i][j] * lower;
                        }
                    }
                    a[i][n] = rhs;
                } else {
                    a[i][i] = 1;
                    a[i][n] = lower;
                }
            }
            for (int col = 0; col < n; col++) {
                int piv = col;
                for (int r = col + 1; r < n; r++) {
                    if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                        piv = r;
                    }
                }
                double[] tmp = a[col];
                a[col] = a[piv];
                a[piv] = tmp;
                for (int r = 0; r < n; r++) {
                    if (r != col) {
                        double f = a[r][col] / a[col][col];
                        for (int k = col; k <= n; k++) {
                            a[r][k] -= f * a[col][k];
                        }
                    }
                }
            }
            double[] v = new double[n];
            boolean feasible = true;
            for (int i = 0; i < n; i++) {
                v[i] = a[i][n] / a[i][i];
                feasible &= v[i] >= lower - 1e-9;
            }
            if (feasible && objective(p, c, v) < best) {
                best = objective(p, c, v);
                bestV = v;
            }
        }
        return bestV;
    }

    @Test
    void matchesTheExhaustiveSolutionOnRandomProblems() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(7);
            int dim = 1 + r.nextInt(12);
            double[][] m = new double[n][dim];
            for (double[] row : m) {
                for (int k = 0; k < dim; k++) {
                    row[k] = r.nextGaussian();
                }
            }
            double[][] p = new double[n][n];
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = r.nextGaussian() * 3;
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < dim; k++) {
                        p[i][j] += m[i][k] * m[j][k];
                    }
                }
                p[i][i] += GemProjection.RIDGE;
            }
            double margin = r.nextInt(3) * 0.5;
            double[] expected = bruteForce(p, c, margin);
            double[] got = GemProjection.solveLowerBounded(p, c, margin);
            assertEquals(objective(p, c, expected), objective(p, c, got), 1e-6 * (1 + Math.abs(objective(p, c, expected))),
                    "trial " + trial);
            for (double v : got) {
                assertTrue(v >= margin - 1e-12);
            }
        }
    }

    @Test
    void aKnownTwoTaskSolution() {
        // P = I, c = (-1, 2), v >= 0: unconstrained optimum (1, -2) -> v = (1, 0)
        double[] v = GemProjection.solveLowerBounded(new double[][] {{1, 0}, {0, 1}}, new double[] {-1, 2}, 0);
        assertArrayEquals(new double[] {1, 0}, v, 1e-12);
    }

    @Test
    void theProjectedGradientNoLongerConflictsWithAnyPastTask() {
        float[] g = {1, -1, 0.5f};
        float[][] past = {{-1, 0, 0}, {0, 1, 0}};
        GemProjection.project(g, past, 0);
        for (float[] m : past) {
            double dot = 0;
            for (int k = 0; k < g.length; k++) {
                dot += g[k] * m[k];
            }
            assertTrue(dot >= -1e-3, "dot " + dot);
        }
    }

    @Test
    void identicalPastGradientsMakeASingularGramMatrixThatTheRidgeHandles() {
        float[] g = {1, 2, -3};
        float[][] past = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}};
        double[] v = GemProjection.project(g, past, 0.5);
        assertEquals(3, v.length);
        // exact agreement up to the ridge's perturbation (of the order of ε·v)
        double dot = g[2];
        assertTrue(dot >= -2 * GemProjection.RIDGE, "the projected gradient agrees with the past tasks: " + dot);
        for (double vi : v) {
            assertTrue(Double.isFinite(vi) && vi >= 0.5);
        }
    }
}
