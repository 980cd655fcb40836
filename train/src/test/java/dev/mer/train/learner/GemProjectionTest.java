package dev.mer.train.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
        assertFalse(GemProjection.project(g, past, 0).ridged());
        for (float[] m : past) {
            double dot = 0;
            for (int k = 0; k < g.length; k++) {
                dot += g[k] * m[k];
            }
            assertTrue(dot >= -1e-6, "dot " + dot);
        }
    }

    /**
     * Past gradients small enough that 10⁻³·I changes everything: the exact dual is (100, 50) and
     * the projected gradient (0, 0, 0.3) meets both constraints with equality; with GEM's later
     * ridge the dual would be (9.09…, 14.28…), leaving (−0.909…, −0.714…, 0.3), which still
     * conflicts with both past tasks.
     */
    @Test
    void theGramMatrixIsUsedAsItIsWithoutTheRidge() {
        float[] g = {-1, -1, 0.3f};
        float[][] past = {{0.01f, 0, 0}, {0, 0.02f, 0}};
        GemProjection.Projection pr = GemProjection.project(g, past, 0);
        assertFalse(pr.ridged());
        double[][] p = {{1e-4, 0}, {0, 4e-4}};
        double[] exact = bruteForce(p, new double[] {-0.01, -0.02}, 0);
        assertArrayEquals(exact, pr.dual(), 1e-3);
        assertArrayEquals(new double[] {100, 50}, pr.dual(), 1e-3);
        assertArrayEquals(new float[] {0, 0, 0.3f}, g, 1e-5f);

        float[] ridged = {-1, -1, 0.3f};
        double[] withRidge = GemProjection.solveLowerBounded(new double[][] {{1e-4 + GemProjection.RIDGE, 0},
            {0, 4e-4 + GemProjection.RIDGE}}, new double[] {-0.01, -0.02}, 0);
        ridged[0] += (float) withRidge[0] * 0.01f;
        ridged[1] += (float) withRidge[1] * 0.02f;
        assertTrue(ridged[0] < -0.9f && ridged[1] < -0.7f, "the ridge leaves the conflict: " + ridged[0]);
    }

    /** On full-rank random problems, the projection's dual is the exhaustive exact solution on GGᵀ. */
    @Test
    void matchesTheExactSolutionOnTheGramMatrixItself() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(5);
            int dim = n + 1 + r.nextInt(8);
            float[][] m = new float[n][dim];
            float[] g = new float[dim];
            for (int k = 0; k < dim; k++) {
                g[k] = (float) r.nextGaussian();
                for (float[] row : m) {
                    row[k] = (float) r.nextGaussian();
                }
            }
            double[][] p = new double[n][n];
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < dim; k++) {
                    c[i] += (double) m[i][k] * g[k];
                    for (int j = 0; j < n; j++) {
                        p[i][j] += (double) m[i][k] * m[j][k];
                    }
                }
            }
            double margin = r.nextInt(3) * 0.5;
            double[] expected = bruteForce(p, c, margin);
            GemProjection.Projection pr = GemProjection.project(g.clone(), m, margin);
            assertFalse(pr.ridged(), "trial " + trial);
            assertArrayEquals(expected, pr.dual(), 1e-7 * (1 + Arrays.stream(expected).map(Math::abs).max().orElse(0)),
                    "trial " + trial);
        }
    }

    @Test
    void identicalPastGradientsMakeASingularGramMatrixSolvedWithTheRidge() {
        float[] g = {1, 2, -3};
        float[][] past = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}};
        GemProjection.Projection pr = GemProjection.project(g, past, 0.5);
        assertTrue(pr.ridged());
        double[] v = pr.dual();
        assertEquals(3, v.length);
        // exact agreement up to the ridge's perturbation (of the order of ε·v)
        double dot = g[2];
        assertTrue(dot >= -2 * GemProjection.RIDGE, "the projected gradient agrees with the past tasks: " + dot);
        for (double vi : v) {
            assertTrue(Double.isFinite(vi) && vi >= 0.5);
        }
        // two identical gradients among others, and more tasks than dimensions: singular too
        assertTrue(GemProjection.project(new float[] {1, -1, 0}, new float[][] {{0.5f, -2, 1}, {-1, 0, 3},
            {0.5f, -2, 1}}, 0).ridged());
        assertTrue(GemProjection.singular(new double[][] {{1, 2}, {2, 4}}, 2));
        assertFalse(GemProjection.singular(new double[][] {{1, 0}, {0, 1e-9}}, 2));
    }

    @Test
    void theDotProductsAndTheGramMatrixAreDoublePrecisionSumsOfTheExactProducts() {
        // lengths around the chunk and vector sizes, and the paper's network's 89,610
        for (int length : new int[] {1, 7, 33, 2047, 2048, 2049, 89_610}) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(length);
            float[] g = new float[length];
            float[][] m = new float[4][length];
            for (int k = 0; k < length; k++) {
                g[k] = (float) r.nextGaussian();
                for (float[] row : m) {
                    row[k] = (float) (r.nextGaussian() * 1e-3);
                }
            }
            double[] dots = GemProjection.dots(g, m);
            double[][] gram = GemProjection.gram(m);
            for (int i = 0; i < 4; i++) {
                java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
                double scale = 0;
                for (int k = 0; k < length; k++) {
                    exact = exact.add(new java.math.BigDecimal((double) m[i][k] * g[k]));
                    scale += Math.abs((double) m[i][k] * g[k]);
                }
                assertEquals(exact.doubleValue(), dots[i], scale * length * 0x1p-53, "length " + length + " dot " + i);
                for (int j = 0; j < 4; j++) {
                    double naive = 0;
                    double abs = 0;
                    for (int k = 0; k < length; k++) {
                        naive += (double) m[i][k] * m[j][k];
                        abs += Math.abs((double) m[i][k] * m[j][k]);
                    }
                    assertEquals(naive, gram[i][j], 2 * abs * length * 0x1p-53, "length " + length + " gram " + i + j);
                    assertEquals(gram[i][j], gram[j][i]);
                }
            }
        }
    }
}
