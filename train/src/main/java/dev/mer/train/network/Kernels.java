package dev.mer.train.network;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loops of the network on float arrays, with the Vector API: C2 does not vectorise
 * {@code y[yFrom + j] += a * x[xFrom + j]} when x and y may be the same array at different offsets,
 * and these loops are most of a single-example SGD step (BENCHMARKS.md, "Measured choices in the
 * training code").
 * Fused multiply-adds round once where the scalar loop rounds twice: results are deterministic but
 * not bit-identical to a scalar implementation.
 *
 * <p>Rows of width {@code o} that are not a multiple of the vector length end with one vector that
 * overlaps the previous one (at {@code o − L}) instead of a scalar loop: a forward sum recomputes
 * the overlapped lanes in the same order (same bits), and an update takes its coefficients from
 * a {@link #tail} copy whose overlapped lanes are zero (adding nothing).
 */
final class Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private Kernels() {
    }

    /** {@code y[yFrom + j] += a · x[xFrom + j]} for j in [0, n). */
    static void axpy(float a, float[] x, int xFrom, float[] y, int yFrom, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        FloatVector va = FloatVector.broadcast(S, a);
        for (; j < bound; j += S.length()) {
            FloatVector vx = FloatVector.fromArray(S, x, xFrom + j);
            FloatVector vy = FloatVector.fromArray(S, y, yFrom + j);
            vx.fma(va, vy).intoArray(y, yFrom + j);
        }
        for (; j < n; j++) {
            y[yFrom + j] += a * x[xFrom + j];
        }
    }

    /** {@code Σ w[from + j] · d[j]}. */
    static float dot(float[] w, int from, float[] d, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        for (; j < bound; j += S.length()) {
            acc = FloatVector.fromArray(S, w, from + j).fma(FloatVector.fromArray(S, d, j), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            s += w[from + j] * d[j];
        }
        return s;
    }

    /**
     * Returns {@code Σ w[from + j] · d[j]} with the old weights and then sets
     * {@code w[from + j] += c · d[j]}: a backward step's input gradient and weight update in one pass.
     */
    static float dotThenAxpy(float[] w, int from, float[] d, float c, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        FloatVector vc = FloatVector.broadcast(S, c);
        for (; j < bound; j += S.length()) {
            FloatVector vw = FloatVector.fromArray(S, w, from + j);
            FloatVector vd = FloatVector.fromArray(S, d, j);
            acc = vw.fma(vd, acc);
            vd.fma(vc, vw).intoArray(w, from + j);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            float wv = w[from + j];
            s += wv * d[j];
            w[from + j] = wv + c * d[j];
        }
        return s;
    }

    /** Lanes per vector. */
    static final int L = S.length();

    /**
     * Copies the last {@code L} coefficients of {@code d[0..o)} into {@code tail} with the lanes that
     * the overlapping last vector shares with the one before zeroed (o ≥ L).
     */
    static void tail(float[] d, int o, float[] tail) {
        int overlap = o % L == 0 ? L : L - o % L;
        for (int j = 0; j < L; j++) {
            tail[j] = j < overlap ? 0f : d[o - L + j];
        }
    }

    /**
     * {@code out[j] = w[bias + j] + Σ_k val[k] · w[row(idx[k]) + j]} for j in [0, o), rows of width o
     * from {@code wFrom}, k over {@code [from, from + nz)}: a layer's forward pass over its non-zero
     * inputs. The outputs stay in registers (four vectors at a time) while the rows stream by, so
     * each weight is loaded once and nothing else is.
     */
    static void sparseForward(float[] w, int wFrom, int bias, int[] idx, float[] val, int from, int nz,
                              float[] out, int o, float[] scratch) {
        sparseForward(w, wFrom, bias, idx, val, from, nz, out, 0, o, scratch);
    }

    /** {@link #sparseForward(float[], int, int, int[], float[], int, int, float[], int, float[])} into {@code out[outFrom .. outFrom + o)}. */
    static void sparseForward(float[] w, int wFrom, int bias, int[] idx, float[] val, int from, int nz,
                              float[] out, int outFrom, int o, float[] scratch) {
        if (L == 8 && o > 96 && o < 104) {
            sparseForward13(w, wFrom, bias, idx, val, from, nz, out, outFrom, o);
            return;
        }
        if (L == 16 && o > 96 && o <= 112) {
            sparseForward7(w, wFrom, bias, idx, val, from, nz, out, outFrom, o);
            return;
        }
        if (o < L) {
            sparseForwardNarrow(w, wFrom, bias, idx, val, from, nz, out, outFrom, o, scratch);
            return;
        }
        int full = o / L * L;
        int j = 0;
        for (; j + 4 * L <= full; j += 4 * L) {
            FloatVector a0 = FloatVector.fromArray(S, w, bias + j);
            FloatVector a1 = FloatVector.fromArray(S, w, bias + j + L);
            FloatVector a2 = FloatVector.fromArray(S, w, bias + j + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, w, bias + j + 3 * L);
            for (int k = from; k < from + nz; k++) {
                int row = wFrom + idx[k] * o + j;
                FloatVector v = FloatVector.broadcast(S, val[k]);
                a0 = FloatVector.fromArray(S, w, row).fma(v, a0);
                a1 = FloatVector.fromArray(S, w, row + L).fma(v, a1);
                a2 = FloatVector.fromArray(S, w, row + 2 * L).fma(v, a2);
                a3 = FloatVector.fromArray(S, w, row + 3 * L).fma(v, a3);
            }
            a0.intoArray(out, outFrom + j);
            a1.intoArray(out, outFrom + j + L);
            a2.intoArray(out, outFrom + j + 2 * L);
            a3.intoArray(out, outFrom + j + 3 * L);
        }
        for (; j < full; j += L) {
            forwardOne(w, wFrom, bias, idx, val, from, nz, out, outFrom, o, j);
        }
        if (full < o) {
            forwardOne(w, wFrom, bias, idx, val, from, nz, out, outFrom, o, o - L);
        }
    }

    /**
     * {@link #sparseForward} for the paper's 100-wide layers on 8-lane vectors: the whole output
     * row (12 vectors and the overlapping 13th) stays in registers, so each row of weights is read
     * in one pass (the chunked loop reads the cache lines that straddle its chunks twice) and
     * thirteen independent sums hide the multiply-add latency (BENCHMARKS.md, "Measured choices in
     * the training code"). Same sums in the same order: the same bits.
     */
    private static void sparseForward13(float[] w, int wFrom, int bias, int[] idx, float[] val, int from, int nz,
                                        float[] out, int outFrom, int o) {
        int t = o - L;
        FloatVector a0 = FloatVector.fromArray(S, w, bias + 0),
                a1 = FloatVector.fromArray(S, w, bias + 8),
                a2 = FloatVector.fromArray(S, w, bias + 16),
                a3 = FloatVector.fromArray(S, w, bias + 24),
                a4 = FloatVector.fromArray(S, w, bias + 32),
                a5 = FloatVector.fromArray(S, w, bias + 40),
                a6 = FloatVector.fromArray(S, w, bias + 48),
                a7 = FloatVector.fromArray(S, w, bias + 56),
                a8 = FloatVector.fromArray(S, w, bias + 64),
                a9 = FloatVector.fromArray(S, w, bias + 72),
                a10 = FloatVector.fromArray(S, w, bias + 80),
                a11 = FloatVector.fromArray(S, w, bias + 88),
                a12 = FloatVector.fromArray(S, w, bias + t);
        for (int k = from; k < from + nz; k++) {
            int row = wFrom + idx[k] * o;
            FloatVector v = FloatVector.broadcast(S, val[k]);
            a0 = FloatVector.fromArray(S, w, row + 0).fma(v, a0);
            a1 = FloatVector.fromArray(S, w, row + 8).fma(v, a1);
            a2 = FloatVector.fromArray(S, w, row + 16).fma(v, a2);
            a3 = FloatVector.fromArray(S, w, row + 24).fma(v, a3);
            a4 = FloatVector.fromArray(S, w, row + 32).fma(v, a4);
            a5 = FloatVector.fromArray(S, w, row + 40).fma(v, a5);
            a6 = FloatVector.fromArray(S, w, row + 48).fma(v, a6);
            a7 = FloatVector.fromArray(S, w, row + 56).fma(v, a7);
            a8 = FloatVector.fromArray(S, w, row + 64).fma(v, a8);
            a9 = FloatVector.fromArray(S, w, row + 72).fma(v, a9);
            a10 = FloatVector.fromArray(S, w, row + 80).fma(v, a10);
            a11 = FloatVector.fromArray(S, w, row + 88).fma(v, a11);
            a12 = FloatVector.fromArray(S, w, row + t).fma(v, a12);
        }
        a0.intoArray(out, outFrom + 0);
        a1.intoArray(out, outFrom + 8);
        a2.intoArray(out, outFrom + 16);
        a3.intoArray(out, outFrom + 24);
        a4.intoArray(out, outFrom + 32);
        a5.intoArray(out, outFrom + 40);
        a6.intoArray(out, outFrom + 48);
        a7.intoArray(out, outFrom + 56);
        a8.intoArray(out, outFrom + 64);
        a9.intoArray(out, outFrom + 72);
        a10.intoArray(out, outFrom + 80);
        a11.intoArray(out, outFrom + 88);
        a12.intoArray(out, outFrom + t);
    }

    /**
     * {@link #sparseForward} for a layer narrower than a vector (the output layer's 10 classes): one
     * vector holds every output, its lanes past {@code o} summing the next row's weights, which are
     * dropped. Each output is the same chain of fused multiply-adds, in the same order, as the
     * scalar loop: the same bits, with one load and one multiply-add per input instead of
     * {@code o}. Inputs come in increasing order, so the last one tells whether every row's
     * vector stays inside the array; if not (a layer at the very end of a small vector), the
     * scalar loop runs.
     *
     * @param scratch at least {@link #L} floats
     */
    private static void sparseForwardNarrow(float[] w, int wFrom, int bias, int[] idx, float[] val, int from, int nz,
                                            float[] out, int outFrom, int o, float[] scratch) {
        if (nz > 0 && wFrom + idx[from + nz - 1] * o > w.length - L) {
            for (int j = 0; j < o; j++) {
                float s = w[bias + j];
                for (int k = from; k < from + nz; k++) {
                    s = Math.fma(val[k], w[wFrom + idx[k] * o + j], s);
                }
                out[outFrom + j] = s;
            }
            return;
        }
        for (int j = 0; j < L; j++) {
            scratch[j] = j < o ? w[bias + j] : 0f; // the bias may end the array
        }
        FloatVector a = FloatVector.fromArray(S, scratch, 0);
        for (int k = from; k < from + nz; k++) {
            a = FloatVector.fromArray(S, w, wFrom + idx[k] * o).fma(FloatVector.broadcast(S, val[k]), a);
        }
        a.intoArray(scratch, 0);
        System.arraycopy(scratch, 0, out, outFrom, o);
    }

    /**
     * {@link #sparseForward} for the paper's 100-wide layers on 16-lane vectors (AVX-512): the whole
     * output row (6 vectors and the overlapping 7th) stays in registers, so each row of weights is
     * read in one pass instead of one pass per chunk. Same sums in the same order: the same bits.
     */
    private static void sparseForward7(float[] w, int wFrom, int bias, int[] idx, float[] val, int from, int nz,
                                       float[] out, int outFrom, int o) {
        int t = o - L;
        FloatVector a0 = FloatVector.fromArray(S, w, bias),
                a1 = FloatVector.fromArray(S, w, bias + 16),
                a2 = FloatVector.fromArray(S, w, bias + 32),
                a3 = FloatVector.fromArray(S, w, bias + 48),
                a4 = FloatVector.fromArray(S, w, bias + 64),
                a5 = FloatVector.fromArray(S, w, bias + 80),
                a6 = FloatVector.fromArray(S, w, bias + t);
        for (int k = from; k < from + nz; k++) {
            int row = wFrom + idx[k] * o;
            FloatVector v = FloatVector.broadcast(S, val[k]);
            a0 = FloatVector.fromArray(S, w, row).fma(v, a0);
            a1 = FloatVector.fromArray(S, w, row + 16).fma(v, a1);
            a2 = FloatVector.fromArray(S, w, row + 32).fma(v, a2);
            a3 = FloatVector.fromArray(S, w, row + 48).fma(v, a3);
            a4 = FloatVector.fromArray(S, w, row + 64).fma(v, a4);
            a5 = FloatVector.fromArray(S, w, row + 80).fma(v, a5);
            a6 = FloatVector.fromArray(S, w, row + t).fma(v, a6);
        }
        a0.intoArray(out, outFrom + 0);
        a1.intoArray(out, outFrom + 16);
        a2.intoArray(out, outFrom + 32);
        a3.intoArray(out, outFrom + 48);
        a4.intoArray(out, outFrom + 64);
        a5.intoArray(out, outFrom + 80);
        a6.intoArray(out, outFrom + t);
    }

    /**
     * A dense layer over a block of rows: {@code out[outFrom + r·stride + j] = w[bias + j] +
     * Σ_i x[xFrom + r·stride + i] · w[row(i) + j]} for rows r in [0, rows), i in [0, n), j in [0, o).
     * Each output is the chain of fused multiply-adds that {@link #sparseForward} makes over the
     * same inputs in the same order (the same bits), but several rows go through each row of
     * weights together, which is loaded once for them: two rows for the paper's 100-wide layers
     * on 16 lanes (14 sums in registers), four for a layer narrower than a vector (the output
     * layer), where one row's single chain of multiply-adds would wait on each one's latency.
     */
    static void denseForward(float[] w, int wFrom, int bias, float[] x, int xFrom, int stride, int rows, int n,
                             float[] out, int outFrom, int o, int[] positions, float[] scratch) {
        int r = 0;
        if (L == 16 && o > 96 && o <= 112) {
            for (; r + 2 <= rows; r += 2) {
                denseForward7x2(w, wFrom, bias, x, xFrom + r * stride, stride, n, out, outFrom + r * stride, o);
            }
        } else if (o < L && n > 0 && wFrom + (n - 1) * o + L <= w.length) {
            for (; r + 4 <= rows; r += 4) {
                denseForwardNarrowx4(w, wFrom, bias, x, xFrom + r * stride, stride, n, out, outFrom + r * stride, o,
                        scratch);
            }
        }
        for (; r < rows; r++) {
            sparseForward(w, wFrom, bias, positions, x, xFrom + r * stride, n, out, outFrom + r * stride, o, scratch);
        }
    }

    /** {@link #denseForward} of two rows on 16 lanes for widths in (96, 112]. */
    private static void denseForward7x2(float[] w, int wFrom, int bias, float[] x, int xFrom, int stride, int n,
                                        float[] out, int outFrom, int o) {
        int t = o - L;
        FloatVector a0 = FloatVector.fromArray(S, w, bias),
                a1 = FloatVector.fromArray(S, w, bias + 16),
                a2 = FloatVector.fromArray(S, w, bias + 32),
                a3 = FloatVector.fromArray(S, w, bias + 48),
                a4 = FloatVector.fromArray(S, w, bias + 64),
                a5 = FloatVector.fromArray(S, w, bias + 80),
                a6 = FloatVector.fromArray(S, w, bias + t);
        FloatVector b0 = a0, b1 = a1, b2 = a2, b3 = a3, b4 = a4, b5 = a5, b6 = a6;
        int y = xFrom + stride;
        for (int i = 0; i < n; i++) {
            int row = wFrom + i * o;
            FloatVector u = FloatVector.broadcast(S, x[xFrom + i]);
            FloatVector v = FloatVector.broadcast(S, x[y + i]);
            FloatVector w0 = FloatVector.fromArray(S, w, row);
            FloatVector w1 = FloatVector.fromArray(S, w, row + 16);
            FloatVector w2 = FloatVector.fromArray(S, w, row + 32);
            FloatVector w3 = FloatVector.fromArray(S, w, row + 48);
            FloatVector w4 = FloatVector.fromArray(S, w, row + 64);
            FloatVector w5 = FloatVector.fromArray(S, w, row + 80);
            FloatVector w6 = FloatVector.fromArray(S, w, row + t);
            a0 = w0.fma(u, a0);
            a1 = w1.fma(u, a1);
            a2 = w2.fma(u, a2);
            a3 = w3.fma(u, a3);
            a4 = w4.fma(u, a4);
            a5 = w5.fma(u, a5);
            a6 = w6.fma(u, a6);
            b0 = w0.fma(v, b0);
            b1 = w1.fma(v, b1);
            b2 = w2.fma(v, b2);
            b3 = w3.fma(v, b3);
            b4 = w4.fma(v, b4);
            b5 = w5.fma(v, b5);
            b6 = w6.fma(v, b6);
        }
        a0.intoArray(out, outFrom);
        a1.intoArray(out, outFrom + 16);
        a2.intoArray(out, outFrom + 32);
        a3.intoArray(out, outFrom + 48);
        a4.intoArray(out, outFrom + 64);
        a5.intoArray(out, outFrom + 80);
        a6.intoArray(out, outFrom + t);
        int second = outFrom + stride;
        b0.intoArray(out, second);
        b1.intoArray(out, second + 16);
        b2.intoArray(out, second + 32);
        b3.intoArray(out, second + 48);
        b4.intoArray(out, second + 64);
        b5.intoArray(out, second + 80);
        b6.intoArray(out, second + t);
    }

    /**
     * {@link #denseForward} of four rows for a layer narrower than a vector: each row's outputs in
     * one vector, whose lanes past {@code o} sum the next row's weights and are dropped (as in
     * {@link #sparseForwardNarrow}). The caller checks that the last row's vector stays inside w.
     */
    private static void denseForwardNarrowx4(float[] w, int wFrom, int bias, float[] x, int xFrom, int stride, int n,
                                             float[] out, int outFrom, int o, float[] scratch) {
        for (int j = 0; j < L; j++) {
            scratch[j] = j < o ? w[bias + j] : 0f; // the bias may end the array
        }
        FloatVector a = FloatVector.fromArray(S, scratch, 0);
        FloatVector b = a;
        FloatVector c = a;
        FloatVector d = a;
        int x1 = xFrom + stride;
        int x2 = x1 + stride;
        int x3 = x2 + stride;
        for (int i = 0; i < n; i++) {
            FloatVector wv = FloatVector.fromArray(S, w, wFrom + i * o);
            a = wv.fma(FloatVector.broadcast(S, x[xFrom + i]), a);
            b = wv.fma(FloatVector.broadcast(S, x[x1 + i]), b);
            c = wv.fma(FloatVector.broadcast(S, x[x2 + i]), c);
            d = wv.fma(FloatVector.broadcast(S, x[x3 + i]), d);
        }
        a.intoArray(scratch, 0);
        System.arraycopy(scratch, 0, out, outFrom, o);
        b.intoArray(scratch, 0);
        System.arraycopy(scratch, 0, out, outFrom + stride, o);
        c.intoArray(scratch, 0);
        System.arraycopy(scratch, 0, out, outFrom + 2 * stride, o);
        d.intoArray(scratch, 0);
        System.arraycopy(scratch, 0, out, outFrom + 3 * stride, o);
    }

    private static void forwardOne(float[] w, int wFrom, int bias, int[] idx, float[] val, int from, int nz,
                                   float[] out, int outFrom, int o, int j) {
        FloatVector a = FloatVector.fromArray(S, w, bias + j);
        for (int k = from; k < from + nz; k++) {
            a = FloatVector.fromArray(S, w, wFrom + idx[k] * o + j).fma(FloatVector.broadcast(S, val[k]), a);
        }
        a.intoArray(out, outFrom + j);
    }

    /**
     * {@code w[row(idx[k]) + j] += c · val[k] · d[j]}: the weight update of a layer's non-zero
     * inputs. {@code dTail} is {@link #tail} of d. The coefficients stay in registers while the
     * rows stream by.
     */
    static void sparseUpdate(float[] w, int wFrom, int[] idx, float[] val, int from, int nz, float[] d,
                             float[] dTail, float c, int o) {
        if (L == 8 && o > 96 && o < 104) {
            sparseUpdate13(w, wFrom, idx, val, from, nz, d, dTail, c, o);
            return;
        }
        // not at o = 112: seven whole vectors, no overlapping one, and tail() is then all zeros
        if (L == 16 && o > 96 && o < 112) {
            sparseUpdate7(w, wFrom, idx, val, from, nz, d, dTail, c, o);
            return;
        }
        if (o < L) {
            for (int k = from; k < from + nz; k++) {
                axpy(c * val[k], d, 0, w, wFrom + idx[k] * o, o);
            }
            return;
        }
        int full = o / L * L;
        int j = 0;
        for (; j + 4 * L <= full; j += 4 * L) {
            FloatVector d0 = FloatVector.fromArray(S, d, j);
            FloatVector d1 = FloatVector.fromArray(S, d, j + L);
            FloatVector d2 = FloatVector.fromArray(S, d, j + 2 * L);
            FloatVector d3 = FloatVector.fromArray(S, d, j + 3 * L);
            for (int k = from; k < from + nz; k++) {
                int row = wFrom + idx[k] * o + j;
                FloatVector v = FloatVector.broadcast(S, c * val[k]);
                d0.fma(v, FloatVector.fromArray(S, w, row)).intoArray(w, row);
                d1.fma(v, FloatVector.fromArray(S, w, row + L)).intoArray(w, row + L);
                d2.fma(v, FloatVector.fromArray(S, w, row + 2 * L)).intoArray(w, row + 2 * L);
                d3.fma(v, FloatVector.fromArray(S, w, row + 3 * L)).intoArray(w, row + 3 * L);
            }
        }
        for (; j < full; j += L) {
            updateOne(w, wFrom, idx, val, from, nz, FloatVector.fromArray(S, d, j), c, o, j);
        }
        if (full < o) {
            updateOne(w, wFrom, idx, val, from, nz, FloatVector.fromArray(S, dTail, 0), c, o, o - L);
        }
    }

    /** {@link #sparseUpdate} for 100-wide layers on 8-lane vectors, the 13 coefficient vectors in registers. */
    private static void sparseUpdate13(float[] w, int wFrom, int[] idx, float[] val, int from, int nz, float[] d,
                                       float[] dTail, float c, int o) {
        int t = o - L;
        FloatVector d0 = FloatVector.fromArray(S, d, 0),
                d1 = FloatVector.fromArray(S, d, 8),
                d2 = FloatVector.fromArray(S, d, 16),
                d3 = FloatVector.fromArray(S, d, 24),
                d4 = FloatVector.fromArray(S, d, 32),
                d5 = FloatVector.fromArray(S, d, 40),
                d6 = FloatVector.fromArray(S, d, 48),
                d7 = FloatVector.fromArray(S, d, 56),
                d8 = FloatVector.fromArray(S, d, 64),
                d9 = FloatVector.fromArray(S, d, 72),
                d10 = FloatVector.fromArray(S, d, 80),
                d11 = FloatVector.fromArray(S, d, 88),
                d12 = FloatVector.fromArray(S, dTail, 0);
        for (int k = from; k < from + nz; k++) {
            int row = wFrom + idx[k] * o;
            FloatVector v = FloatVector.broadcast(S, c * val[k]);
            d0.fma(v, FloatVector.fromArray(S, w, row + 0)).intoArray(w, row + 0);
            d1.fma(v, FloatVector.fromArray(S, w, row + 8)).intoArray(w, row + 8);
            d2.fma(v, FloatVector.fromArray(S, w, row + 16)).intoArray(w, row + 16);
            d3.fma(v, FloatVector.fromArray(S, w, row + 24)).intoArray(w, row + 24);
            d4.fma(v, FloatVector.fromArray(S, w, row + 32)).intoArray(w, row + 32);
            d5.fma(v, FloatVector.fromArray(S, w, row + 40)).intoArray(w, row + 40);
            d6.fma(v, FloatVector.fromArray(S, w, row + 48)).intoArray(w, row + 48);
            d7.fma(v, FloatVector.fromArray(S, w, row + 56)).intoArray(w, row + 56);
            d8.fma(v, FloatVector.fromArray(S, w, row + 64)).intoArray(w, row + 64);
            d9.fma(v, FloatVector.fromArray(S, w, row + 72)).intoArray(w, row + 72);
            d10.fma(v, FloatVector.fromArray(S, w, row + 80)).intoArray(w, row + 80);
            d11.fma(v, FloatVector.fromArray(S, w, row + 88)).intoArray(w, row + 88);
            d12.fma(v, FloatVector.fromArray(S, w, row + t)).intoArray(w, row + t);
        }
    }

    /** {@link #sparseUpdate} for 100-wide layers on 16-lane vectors, the 7 coefficient vectors in registers. */
    private static void sparseUpdate7(float[] w, int wFrom, int[] idx, float[] val, int from, int nz, float[] d,
                                      float[] dTail, float c, int o) {
        int t = o - L;
        FloatVector d0 = FloatVector.fromArray(S, d, 0),
                d1 = FloatVector.fromArray(S, d, 16),
                d2 = FloatVector.fromArray(S, d, 32),
                d3 = FloatVector.fromArray(S, d, 48),
                d4 = FloatVector.fromArray(S, d, 64),
                d5 = FloatVector.fromArray(S, d, 80),
                d6 = FloatVector.fromArray(S, dTail, 0);
        for (int k = from; k < from + nz; k++) {
            int row = wFrom + idx[k] * o;
            FloatVector v = FloatVector.broadcast(S, c * val[k]);
            d0.fma(v, FloatVector.fromArray(S, w, row)).intoArray(w, row);
            d1.fma(v, FloatVector.fromArray(S, w, row + 16)).intoArray(w, row + 16);
            d2.fma(v, FloatVector.fromArray(S, w, row + 32)).intoArray(w, row + 32);
            d3.fma(v, FloatVector.fromArray(S, w, row + 48)).intoArray(w, row + 48);
            d4.fma(v, FloatVector.fromArray(S, w, row + 64)).intoArray(w, row + 64);
            d5.fma(v, FloatVector.fromArray(S, w, row + 80)).intoArray(w, row + 80);
            d6.fma(v, FloatVector.fromArray(S, w, row + t)).intoArray(w, row + t);
        }
    }

    private static void updateOne(float[] w, int wFrom, int[] idx, float[] val, int from, int nz, FloatVector d,
                                  float c, int o, int j) {
        for (int k = from; k < from + nz; k++) {
            int row = wFrom + idx[k] * o + j;
            d.fma(FloatVector.broadcast(S, c * val[k]), FloatVector.fromArray(S, w, row)).intoArray(w, row);
        }
    }

    /**
     * {@link #dotThenAxpy} over a row of width o ≥ L whose last vector overlaps the previous one,
     * {@code dTail} being {@link #tail} of d.
     */
    static float dotThenAxpy(float[] w, int from, float[] d, float[] dTail, float c, int o) {
        if (o < L) {
            return dotThenAxpy(w, from, d, c, o);
        }
        int full = o / L * L;
        FloatVector acc = FloatVector.zero(S);
        FloatVector vc = FloatVector.broadcast(S, c);
        int j = 0;
        for (; j < full; j += L) {
            FloatVector vw = FloatVector.fromArray(S, w, from + j);
            FloatVector vd = FloatVector.fromArray(S, d, j);
            acc = vw.fma(vd, acc);
            vd.fma(vc, vw).intoArray(w, from + j);
        }
        if (full < o) {
            FloatVector vw = FloatVector.fromArray(S, w, from + o - L);
            FloatVector vd = FloatVector.fromArray(S, dTail, 0);
            acc = vw.fma(vd, acc);
            vd.fma(vc, vw).intoArray(w, from + o - L);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
