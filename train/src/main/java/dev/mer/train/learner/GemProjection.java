package dev.mer.train.learner;

/**
 * GEM's gradient projection (Lopez-Paz and Ranzato 2017, eq. 11; {@code project2cone2}): given the
 * proposed gradient g and the past tasks' gradients (rows of G), solve the dual QP
 * <pre>  min_v ½ vᵀ(GGᵀ)v + (Gg)ᵀv   subject to  v ≥ margin</pre>
 * and return {@code g + Gᵀv}, exactly as MER's {@code gem.py} asks quadprog to: on the Gram matrix
 * itself. GEM's repository later added a ridge of 10⁻³·I to it, absent from MER's copy; here the
 * ridge is only the fallback for a Gram matrix that is singular (identical or dependent task
 * gradients), on which quadprog stops the reference ("matrix G is not positive definite"): such a
 * step is solved on GGᵀ + 10⁻³·I and reported ({@link Projection#ridged()}).
 *
 * <p>Singular means singular to the precision the matrix was computed in: its Cholesky
 * factorisation meets a pivot no larger than {@code (p + t + 1) · 2⁻⁵³ · max_i (GGᵀ)_ii}, for t
 * past tasks' gradients of length p. Each entry of GGᵀ is a sum of p products accumulated in
 * double, whose rounding error can reach {@code p · 2⁻⁵³} of that scale, and the factorisation of a
 * t × t matrix adds up to {@code (t + 1) · 2⁻⁵³} of it (Higham's bound): a smaller pivot cannot be
 * told from zero, and a dual solution on such a matrix would be made of rounding errors. For the
 * paper's network (p = 89,610) the bound is about 10⁻¹¹ of the largest squared gradient norm.
 *
 * <p>The QP is solved exactly by a primal active-set method (Lawson–Hanson, for a strictly convex
 * quadratic with lower bounds), in double precision, like quadprog's.
 */
public final class GemProjection {
    /** GEM's later ridge on the Gram matrix, the fallback for a singular one. */
    public static final double RIDGE = 1e-3;
    /** Double's unit roundoff, 2⁻⁵³. */
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    private GemProjection() {
    }

    /**
     * A projection's dual solution, and whether it needed the ridge.
     *
     * @param dual the dual solution v, one value per past task
     * @param ridged whether the Gram matrix was singular and the QP was solved with the ridge
     */
    public record Projection(double[] dual, boolean ridged) {
        public Projection {
            dual = dual.clone();
        }

        @Override
        public double[] dual() {
            return dual.clone();
        }
    }

    /**
     * Projects {@code g} in place.
     *
     * @param g the proposed gradient (length p), overwritten with the projected one
     * @param memories the past tasks' gradients, {@code t} arrays of length p
     * @param margin GEM's {@code memory_strength}
     * @return the dual solution, and whether the ridge was needed
     */
    public static Projection project(float[] g, float[][] memories, double margin) {
        int t = memories.length;
        double[][] p = new double[t][t];
        double[] c = new double[t];
        for (int i = 0; i < t; i++) {
            c[i] = dot(memories[i], g);
            for (int j = 0; j <= i; j++) {
                p[i][j] = p[j][i] = dot(memories[i], memories[j]);
            }
        }
        double[] v = singular(p, g.length) ? null : solveLowerBounded(p, c, margin);
        boolean ridged = v == null;
        if (ridged) {
            for (int i = 0; i < t; i++) {
                p[i][i] += RIDGE;
            }
            v = solveLowerBounded(p, c, margin);
            if (v == null) {
                throw new IllegalStateException("GEM's Gram matrix is not positive definite even with the ridge");
            }
        }
        for (int i = 0; i < t; i++) {
            float vi = (float) v[i];
            float[] m = memories[i];
            for (int k = 0; k < g.length; k++) {
                g[k] += vi * m[k];
            }
        }
        return new Projection(v, ridged);
    }

    /**
     * Whether the Gram matrix {@code p} of vectors of {@code length} values is singular to the
     * precision it was computed in: a Cholesky pivot at most {@code (length + t + 1) · 2⁻⁵³ · max
     * diagonal}.
     */
    static boolean singular(double[][] p, int length) {
        int n = p.length;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, p[i][i]);
        }
        double tol = ((double) length + n + 1) * UNIT_ROUNDOFF * scale;
        double[][] l = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b <= a; b++) {
                double s = p[a][b];
                for (int k = 0; k < b; k++) {
                    s -= l[a][k] * l[b][k];
                }
                if (a == b) {
                    if (!(s > tol)) {
                        return true;
                    }
                    l[a][a] = Math.sqrt(s);
                } else {
                    l[a][b] = s / l[b][b];
                }
            }
        }
        return false;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (double) a[k] * b[k];
        }
        return s;
    }

    /**
     * {@code argmin ½vᵀPv + cᵀv} subject to {@code v ≥ lower}, for symmetric positive definite P:
     * substituting {@code v = lower + w} gives a non-negative QP in w, solved by Lawson–Hanson
     * active sets with Cholesky solves on the free set.
     *
     * @return the solution, or null when a free set's matrix turns out not positive definite
     */
    static double[] solveLowerBounded(double[][] p, double[] c, double lower) {
        int n = c.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            double s = c[i];
            for (int j = 0; j < n; j++) {
                s += p[i][j] * lower;
            }
            d[i] = s;
        }
        double[] w = new double[n];
        boolean[] free = new boolean[n];
        double scale = 1;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(p[i][i]));
        }
        double tol = 1e-12 * scale;
        for (int outer = 0; outer < 10 * n + 10; outer++) {
            int enter = -1;
            double most = -tol;
            for (int i = 0; i < n; i++) {
                if (!free[i]) {
                    double grad = d[i];
                    for (int j = 0; j < n; j++) {
                        grad += p[i][j] * w[j];
                    }
                    if (grad < most) {
                        most = grad;
                        enter = i;
                    }
                }
            }
            if (enter < 0) {
                break;
            }
            free[enter] = true;
            for (int inner = 0; inner <= n; inner++) {
                double[] z = solveFree(p, d, free);
                if (z == null) {
                    return null;
                }
                double alpha = 1;
                int leave = -1;
                for (int i = 0; i < n; i++) {
                    if (free[i] && z[i] <= 0) {
                        double a = w[i] / (w[i] - z[i]);
                        if (a < alpha) {
                            alpha = a;
                            leave = i;
                        }
                    }
                }
                if (leave < 0) {
                    w = z;
                    break;
                }
                for (int i = 0; i < n; i++) {
                    w[i] += alpha * (z[i] - w[i]);
                }
                w[leave] = 0;
                free[leave] = false;
                for (int i = 0; i < n; i++) {
                    if (free[i] && w[i] <= 0) {
                        w[i] = 0;
                        free[i] = false;
                    }
                }
            }
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lower + w[i];
        }
        return v;
    }

    /** Solves {@code P_FF z_F = −d_F} by Cholesky, {@code z = 0} off the free set; null if P_FF is not positive definite. */
    private static double[] solveFree(double[][] p, double[] d, boolean[] free) {
        int n = d.length;
        int[] idx = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (free[i]) {
                idx[m++] = i;
            }
        }
        double[][] l = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b <= a; b++) {
                double s = p[idx[a]][idx[b]];
                for (int k = 0; k < b; k++) {
                    s -= l[a][k] * l[b][k];
                }
                if (a == b) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[a][a] = Math.sqrt(s);
                } else {
                    l[a][b] = s / l[b][b];
                }
            }
        }
        double[] y = new double[m];
        for (int a = 0; a < m; a++) {
            double s = -d[idx[a]];
            for (int k = 0; k < a; k++) {
                s -= l[a][k] * y[k];
            }
            y[a] = s / l[a][a];
        }
        double[] z = new double[n];
        for (int a = m - 1; a >= 0; a--) {
            double s = y[a];
            for (int k = a + 1; k < m; k++) {
                s -= l[k][a] * z[idx[k]];
            }
            z[idx[a]] = s / l[a][a];
        }
        return z;
    }
}
