package dev.mer.train.learner;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

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
 *
 * <p>The dot products (t of them at every step, and the t(t+1)/2 of the Gram matrix at a
 * projection, each over p = 89,610 values for the paper's network) are most of a step's
 * arithmetic: they are summed in double — each product of two floats is exact in double — in vector
 * lanes (the floats widened in registers), over chunks of the gradients that stay in cache while
 * every pair of them is formed.
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
        return project(g, memories, margin, dots(g, memories));
    }

    /**
     * {@link #project(float[], float[][], double)} given {@code memoryDots}, the {@link #dots} of
     * g with the memories' gradients (already computed to decide whether to project).
     */
    static Projection project(float[] g, float[][] memories, double margin, double[] memoryDots) {
        int t = memories.length;
        double[][] p = gram(memories);
        double[] c = memoryDots.clone();
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

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /**
     * The floats, as the network's kernels take them; each vector widens into two of doubles. (Only
     * the preferred shape: a second float shape loaded beside it made the JIT give up the network
     * kernels' intrinsics, which then allocated at every operation.)
     */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Values per chunk: the t + 1 gradients' chunks stay in the second-level cache while every pair is formed. */
    private static final int CHUNK = 2048;

    /** {@code Σ_k m_i[k] · g[k]} for each memory gradient {@code m_i}, in double. */
    static double[] dots(float[] g, float[][] memories) {
        int t = memories.length;
        double[] out = new double[t];
        for (int from = 0; from < g.length; from += CHUNK) {
            int to = Math.min(g.length, from + CHUNK);
            for (int i = 0; i < t; i++) {
                out[i] += dot(memories[i], g, from, to);
            }
        }
        return out;
    }

    /**
     * The Gram matrix {@code Σ_k m_i[k] · m_j[k]} of the memory gradients, in double: chunk by chunk,
     * each gradient's chunk widened to double once, then every pair's products summed, four pairs
     * at a time so that one row's vector is loaded once for four.
     */
    static double[][] gram(float[][] memories) {
        int t = memories.length;
        double[][] p = new double[t][t];
        int length = t == 0 ? 0 : memories[0].length;
        double[][] wide = new double[t][CHUNK];
        for (int from = 0; from < length; from += CHUNK) {
            int n = Math.min(CHUNK, length - from);
            for (int i = 0; i < t; i++) {
                widen(memories[i], from, n, wide[i]);
            }
            for (int i = 0; i < t; i++) {
                int j = 0;
                for (; j + 4 <= i + 1; j += 4) {
                    dot4(wide[i], wide[j], wide[j + 1], wide[j + 2], wide[j + 3], n, p[i], j);
                }
                for (; j <= i; j++) {
                    p[i][j] += dot(wide[i], wide[j], n);
                }
            }
        }
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < i; j++) {
                p[j][i] = p[i][j];
            }
        }
        return p;
    }

    /** {@code dst[0, n) = (double) src[from, from + n)}, a float vector at a time. */
    private static void widen(float[] src, int from, int n, double[] dst) {
        int step = F.length();
        int k = 0;
        for (; k + step <= n; k += step) {
            FloatVector x = FloatVector.fromArray(F, src, from + k);
            widen(x, 0).intoArray(dst, k);
            widen(x, 1).intoArray(dst, k + D.length());
        }
        for (; k < n; k++) {
            dst[k] = src[from + k];
        }
    }

    /** {@code out[at + q] += Σ_k a[k]·b_q[k]} over {@code [0, n)} for the four b's. */
    private static void dot4(double[] a, double[] b0, double[] b1, double[] b2, double[] b3, int n, double[] out,
                             int at) {
        int step = D.length();
        int bound = n - n % step;
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        DoubleVector s2 = DoubleVector.zero(D);
        DoubleVector s3 = DoubleVector.zero(D);
        int k = 0;
        for (; k < bound; k += step) {
            DoubleVector x = DoubleVector.fromArray(D, a, k);
            s0 = x.fma(DoubleVector.fromArray(D, b0, k), s0);
            s1 = x.fma(DoubleVector.fromArray(D, b1, k), s1);
            s2 = x.fma(DoubleVector.fromArray(D, b2, k), s2);
            s3 = x.fma(DoubleVector.fromArray(D, b3, k), s3);
        }
        double r0 = s0.reduceLanes(VectorOperators.ADD);
        double r1 = s1.reduceLanes(VectorOperators.ADD);
        double r2 = s2.reduceLanes(VectorOperators.ADD);
        double r3 = s3.reduceLanes(VectorOperators.ADD);
        for (; k < n; k++) {
            r0 += a[k] * b0[k];
            r1 += a[k] * b1[k];
            r2 += a[k] * b2[k];
            r3 += a[k] * b3[k];
        }
        out[at] += r0;
        out[at + 1] += r1;
        out[at + 2] += r2;
        out[at + 3] += r3;
    }

    /** {@code Σ a[k]·b[k]} over {@code [0, n)} of two widened chunks. */
    private static double dot(double[] a, double[] b, int n) {
        int step = D.length();
        int bound = n - n % step;
        DoubleVector s = DoubleVector.zero(D);
        int k = 0;
        for (; k < bound; k += step) {
            s = DoubleVector.fromArray(D, a, k).fma(DoubleVector.fromArray(D, b, k), s);
        }
        double r = s.reduceLanes(VectorOperators.ADD);
        for (; k < n; k++) {
            r += a[k] * b[k];
        }
        return r;
    }

    /** {@code Σ a[k]·b[k]} over {@code [from, to)} in double, each float vector widened into two, in two accumulators. */
    private static double dot(float[] a, float[] b, int from, int to) {
        int step = F.length();
        int bound = to - (to - from) % step;
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        int k = from;
        for (; k < bound; k += step) {
            FloatVector x = FloatVector.fromArray(F, a, k);
            FloatVector y = FloatVector.fromArray(F, b, k);
            s0 = widen(x, 0).fma(widen(y, 0), s0);
            s1 = widen(x, 1).fma(widen(y, 1), s1);
        }
        double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; k < to; k++) {
            s += (double) a[k] * b[k];
        }
        return s;
    }

    private static DoubleVector widen(FloatVector x, int half) {
        return (DoubleVector) x.convertShape(VectorOperators.F2D, D, half);
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
