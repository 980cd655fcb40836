package dev.mer.train.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpTest {
    /** A straightforward double-precision MLP: the specification the fast kernel must meet. */
    static final class ReferenceMlp {
        final int[] w;
        final double[][][] weight; // [layer][out][in], PyTorch's layout
        final double[][] bias;

        ReferenceMlp(Mlp fast, int... widths) {
            this.w = widths;
            weight = new double[widths.length - 1][][];
            bias = new double[widths.length - 1][];
            Linear[] ls = fast.layers();
            for (int l = 0; l < ls.length; l++) {
                weight[l] = new double[widths[l + 1]][widths[l]];
                bias[l] = new double[widths[l + 1]];
                float[] v = ls[l].params().values();
                for (int j = 0; j < widths[l + 1]; j++) {
                    for (int i = 0; i < widths[l]; i++) {
                        weight[l][j][i] = v[ls[l].weightIndex(i, j)];
                    }
                    bias[l][j] = v[ls[l].biasOffset() + j];
                }
            }
        }

        double[] logits(double[] x) {
            double[] a = x;
            for (int l = 0; l < weight.length; l++) {
                double[] o = new double[bias[l].length];
                for (int j = 0; j < o.length; j++) {
                    double s = bias[l][j];
                    for (int i = 0; i < a.length; i++) {
                        s += weight[l][j][i] * a[i];
                    }
                    o[j] = l + 1 < weight.length ? Math.max(0, s) : s;
                }
                a = o;
            }
            return a;
        }

        double loss(double[] x, int y) {
            double[] z = logits(x);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double s = 0;
            for (double v : z) {
                s += Math.exp(v - max);
            }
            return Math.log(s) + max - z[y];
        }
    }

    static float[] sparseInput(SplittableRandom r, int n, double density) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < density) {
                x[i] = r.nextInt(1, 256) / 255f;
            }
        }
        return x;
    }

    @Test
    void lossAndGradientMatchAReferenceByFiniteDifferences() {
        int[] widths = {12, 7, 5, 4};
        Mlp net = Mlp.dense(widths);
        net.initXavier(new SplittableRandom(3));
        SplittableRandom r = new SplittableRandom(9);
        for (int trial = 0; trial < 5; trial++) {
            float[] x = sparseInput(r, 12, 0.5);
            int y = r.nextInt(4);
            Parameters p = net.layers()[0].params();
            p.zeroGradient();
            float loss = net.lossGradient(x, 0, y, 1f);
            double[] xd = new double[12];
            for (int i = 0; i < 12; i++) {
                xd[i] = x[i];
            }
            assertEquals(new ReferenceMlp(net, widths).loss(xd, y), loss, 1e-5);
            for (int k = 0; k < p.size(); k++) {
                float saved = p.values()[k];
                double h = 1e-3;
                p.values()[k] = (float) (saved + h);
                double up = new ReferenceMlp(net, widths).loss(xd, y);
                p.values()[k] = (float) (saved - h);
                double down = new ReferenceMlp(net, widths).loss(xd, y);
                p.values()[k] = saved;
                assertEquals((up - down) / (2 * h), p.gradient()[k], 2e-3, "parameter " + k);
            }
        }
    }

    @Test
    void sparseAndDenseInputsGiveTheSameLogitsAsTheReference() {
        int[] widths = {784, 100, 100, 10};
        Mlp net = Mlp.dense(widths);
        net.initXavier(new SplittableRandom(1));
        ReferenceMlp ref = new ReferenceMlp(net, widths);
        SplittableRandom r = new SplittableRandom(2);
        for (double density : new double[] {0.0, 0.2, 1.0}) {
            float[] x = sparseInput(r, 784, density);
            double[] xd = new double[784];
            for (int i = 0; i < 784; i++) {
                xd[i] = x[i];
            }
            float[] z = net.forward(x, 0);
            double[] zr = ref.logits(xd);
            for (int j = 0; j < 10; j++) {
                assertEquals(zr[j], z[j], 1e-4);
            }
        }
    }

    @Test
    void scaledGradientsAccumulateAsABatchMean() {
        Mlp net = Mlp.dense(6, 5, 3);
        net.initXavier(new SplittableRandom(4));
        Parameters p = net.layers()[0].params();
        float[] a = {1, 0, 0.5f, 0, 0.25f, 1};
        float[] b = {0, 1, 0, 0.75f, 0, 0};
        p.zeroGradient();
        net.lossGradient(a, 0, 1, 1f);
        float[] ga = p.gradient().clone();
        p.zeroGradient();
        net.lossGradient(b, 0, 2, 1f);
        float[] gb = p.gradient().clone();
        p.zeroGradient();
        net.lossGradient(a, 0, 1, 0.5f);
        net.lossGradient(b, 0, 2, 0.5f);
        for (int k = 0; k < p.size(); k++) {
            assertEquals((ga[k] + gb[k]) / 2, p.gradient()[k], 1e-6);
        }
    }

    @Test
    void xavierBoundsFollowGem() {
        Mlp net = Mlp.dense(784, 100, 10);
        net.initXavier(new SplittableRandom(0));
        float a = (float) Math.sqrt(3.0 * 2.0 / 884);
        Linear first = net.layers()[0];
        float[] v = first.params().values();
        float max = 0;
        for (int k = first.offset(); k < first.biasOffset(); k++) {
            max = Math.max(max, Math.abs(v[k]));
        }
        assertEquals(a, max, a * 0.01);
        for (int j = 0; j < 100; j++) {
            assertEquals(0f, v[first.biasOffset() + j]);
        }
    }

    @Test
    void layersMustChain() {
        Parameters p = new Parameters(1000);
        assertThrows(IllegalArgumentException.class, () -> new Mlp(new Linear(p, 0, 4, 3), new Linear(p, 15, 4, 2)));
    }

    @Test
    void theFusedStepEqualsBackwardThenSgdOnDenseAndSparseInputs() {
        int[] widths = {784, 100, 100, 10};
        SplittableRandom r = new SplittableRandom(12);
        for (double density : new double[] {0.15, 1.0}) {
            Mlp a = Mlp.dense(widths);
            a.initXavier(new SplittableRandom(6));
            Mlp b = Mlp.dense(widths);
            b.initXavier(new SplittableRandom(6));
            Parameters pb = b.layers()[0].params();
            for (int step = 0; step < 20; step++) {
                float[] x = sparseInput(r, 784, density);
                int y = r.nextInt(10);
                a.sgdStep(x, 0, y, 0.05f);
                pb.zeroGradient();
                b.lossGradient(x, 0, y, 1f);
                pb.sgdStep(0.05f);
            }
            float[] va = a.layers()[0].params().values();
            float[] vb = pb.values();
            for (int k = 0; k < va.length; k++) {
                assertEquals(vb[k], va[k], 1e-6, "density " + density + " parameter " + k);
            }
        }
    }

    @Test
    void theFusedStepMatchesTheReferenceGradientAtWidthsThatAreNotMultiplesOfTheVectorLength() {
        // 12 and 9 outputs end with an overlapping vector, 3 is narrower than one vector
        int[] widths = {37, 12, 9, 3};
        SplittableRandom r = new SplittableRandom(5);
        Mlp a = Mlp.dense(widths);
        a.initXavier(new SplittableRandom(2));
        Mlp b = Mlp.dense(widths);
        b.initXavier(new SplittableRandom(2));
        Parameters pb = b.layers()[0].params();
        for (int step = 0; step < 30; step++) {
            float[] x = sparseInput(r, 37, 0.4);
            int y = r.nextInt(3);
            ReferenceMlp ref = new ReferenceMlp(b, widths);
            double[] xd = new double[37];
            for (int i = 0; i < 37; i++) {
                xd[i] = x[i];
            }
            assertEquals(ref.loss(xd, y), a.sgdStep(x, 0, y, 0.1f), 1e-5);
            pb.zeroGradient();
            b.lossGradient(x, 0, y, 1f);
            pb.sgdStep(0.1f);
        }
        float[] va = a.layers()[0].params().values();
        float[] vb = pb.values();
        for (int k = 0; k < va.length; k++) {
            assertEquals(vb[k], va[k], 1e-6, "parameter " + k);
        }
    }

    @Test
    void aStepOnStoredSparseRowsIsBitIdenticalToTheStepOnTheDenseExample() {
        int[] widths = {784, 100, 100, 10};
        SplittableRandom r = new SplittableRandom(3);
        Mlp a = Mlp.dense(widths);
        a.initXavier(new SplittableRandom(4));
        Mlp b = Mlp.dense(widths);
        b.initXavier(new SplittableRandom(4));
        SparseRows rows = new SparseRows(8, 784);
        float[][] xs = new float[8][];
        for (int e = 0; e < 8; e++) {
            xs[e] = sparseInput(r, 784, e % 2 == 0 ? 0.2 : 1.0);
            rows.set(e, xs[e], 0);
        }
        for (int step = 0; step < 40; step++) {
            int e = r.nextInt(8);
            int y = r.nextInt(10);
            assertEquals(a.sgdStep(xs[e], 0, y, 0.05f), b.sgdStep(rows, e, y, 0.05f));
        }
        assertEquals(java.util.Arrays.toString(a.layers()[0].params().values()),
                java.util.Arrays.toString(b.layers()[0].params().values()));
    }

    @Test
    void aMemoryGradientIsTheWeightedMeanOfItsWrittenRowsSingleExampleGradients() {
        for (int[] widths : new int[][] {{20, 9, 7, 5}, {784, 100, 100, 10}}) {
            Mlp net = Mlp.dense(widths);
            net.initXavier(new SplittableRandom(8));
            Parameters p = net.layers()[0].params();
            SplittableRandom r = new SplittableRandom(1);
            int per = 6;
            int n = widths[0];
            SparseRows rows = new SparseRows(3 * per, n);
            float[][] xs = new float[3 * per][];
            int[] y = new int[3 * per];
            float[] w = new float[3 * per];
            for (int i = 0; i < 3 * per; i++) {
                xs[i] = sparseInput(r, n, 0.4);
                rows.set(i, xs[i], 0);
                y[i] = r.nextInt(widths[widths.length - 1]);
                w[i] = i % per < 4 || i >= per ? 1f : 0f; // group 0 has two unwritten slots
            }
            for (int g = 0; g < 3; g++) {
                float[] got = new float[p.size()];
                java.util.Arrays.fill(got, 7f); // overwritten, not added to
                net.meanGradient(rows, g * per, per, y, w, got);
                int count = g == 0 ? 4 : per;
                p.zeroGradient();
                for (int i = g * per; i < (g + 1) * per; i++) {
                    if (w[i] > 0) {
                        net.lossGradient(xs[i], 0, y[i], 1f / count);
                    }
                }
                for (int k = 0; k < p.size(); k++) {
                    assertEquals(p.gradient()[k], got[k], 1e-6, "group " + g + " parameter " + k);
                }
            }
            float[] none = new float[p.size()];
            net.meanGradient(rows, 0, per, y, new float[3 * per], none);
            assertEquals(java.util.Arrays.toString(new float[p.size()]), java.util.Arrays.toString(none));
        }
    }

    @Test
    void theFirstLayersWeightGradientCoversEveryOutputAtAWidthOfWholeVectors() {
        // 112 = seven 16-lane vectors: every output's weights get their gradient (the register
        // kernel once left the last 16 outputs out there, with its overlapping vector all zeros)
        for (int[] widths : new int[][] {{30, 112, 4}, {30, 104, 4}, {30, 96, 4}}) {
            Mlp net = Mlp.dense(widths);
            net.initXavier(new SplittableRandom(5));
            SparseRows rows = new SparseRows(1, widths[0]);
            float[] x = sparseInput(new SplittableRandom(9), widths[0], 0.7);
            rows.set(0, x, 0);
            float[] got = new float[net.layers()[0].params().size()];
            net.meanGradient(rows, 0, 1, new int[] {1}, new float[] {1f}, got);
            Parameters p = net.layers()[0].params();
            p.zeroGradient();
            net.lossGradient(x, 0, 1, 1f);
            for (int k = 0; k < p.size(); k++) {
                assertEquals(p.gradient()[k], got[k], 1e-6, java.util.Arrays.toString(widths) + " parameter " + k);
            }
            // the replay learners' fused step goes through the same kernel
            Mlp fused = Mlp.dense(widths);
            fused.initXavier(new SplittableRandom(5));
            fused.sgdStep(x, 0, 1, 0.1f);
            p.sgdStep(0.1f);
            float[] stepped = fused.layers()[0].params().values();
            for (int k = 0; k < p.size(); k++) {
                assertEquals(p.values()[k], stepped[k], 1e-6, java.util.Arrays.toString(widths) + " stepped parameter " + k);
            }
        }
    }

    @Test
    void eachOutputOfTheSparseForwardPassIsOneChainOfFusedMultiplyAddsInInputOrder() {
        // the specification of every forward kernel (narrow, register-row, chunked): the same bits
        // as a scalar fma chain from the bias, whatever the vector length
        for (int[] widths : new int[][] {{784, 100, 100, 10}, {30, 7, 3}, {40, 33, 129}}) {
            Mlp net = Mlp.dense(widths);
            net.initXavier(new SplittableRandom(11));
            Linear[] ls = net.layers();
            float[] v = net.parameters().values();
            SplittableRandom r = new SplittableRandom(12);
            for (int trial = 0; trial < 10; trial++) {
                float[] a = sparseInput(r, widths[0], 0.3);
                float[] fast = net.forward(a, 0).clone();
                for (Linear layer : ls) {
                    float[] out = new float[layer.out()];
                    for (int j = 0; j < out.length; j++) {
                        float s = v[layer.biasOffset() + j];
                        for (int i = 0; i < layer.in(); i++) {
                            if (a[i] != 0f) {
                                s = Math.fma(a[i], v[layer.weightIndex(i, j)], s);
                            }
                        }
                        out[j] = layer == ls[ls.length - 1] ? s : Math.max(0f, s);
                    }
                    a = out;
                }
                assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(fast));
            }
        }
    }

    static InputRows rowsOf(float[] x, int n, int width) {
        return new InputRows(n, width, (row, dst, off) -> System.arraycopy(x, row * width, dst, off, width),
                () -> org.nd4j.linalg.factory.Nd4j.create(x.clone(), new long[] {n, width}, 'c'));
    }

    @Test
    void theEvaluationOfSparseRowsPredictsExactlyAsTheSingleExampleSparsePassRowByRow() {
        // more rows than a block, a last block cut short, widths around the vector lengths
        for (int[] widths : new int[][] {{784, 100, 100, 10}, {30, 7, 3}, {40, 33, 129, 5}, {20, 10}}) {
            Mlp net = Mlp.dense(widths);
            net.initXavier(new SplittableRandom(21));
            int n = 203;
            SplittableRandom r = new SplittableRandom(22);
            float[] x = new float[n * widths[0]];
            for (int row = 0; row < n; row++) {
                System.arraycopy(sparseInput(r, widths[0], 0.2), 0, x, row * widths[0], widths[0]);
            }
            InputRows rows = rowsOf(x, n, widths[0]);
            assertEquals(true, rows.nonZeroShare() <= Mlp.SPARSE_EVALUATION_MAX_SHARE);
            int[] predictions = new int[n];
            net.predict(rows, predictions);
            for (int row = 0; row < n; row++) {
                assertEquals(net.predict(x, row * widths[0]), predictions[row], "row " + row);
            }
        }
    }

    @Test
    void compilingAheadLeavesTheNetworkAndItsPredictionsAsTheyWereAndRunsOncePerWidths() {
        for (int[] widths : new int[][] {{784, 100, 100, 10}, {784, 5, 5, 10}, {30, 7, 3}, {20, 10}}) {
            Mlp net = Mlp.dense(widths);
            net.initXavier(new SplittableRandom(24));
            int n = 40;
            float[] x = new float[n * widths[0]];
            SplittableRandom r = new SplittableRandom(25);
            for (int row = 0; row < n; row++) {
                System.arraycopy(sparseInput(r, widths[0], 0.2), 0, x, row * widths[0], widths[0]);
            }
            float[] before = net.parameters().values().clone();
            int[] expected = new int[n];
            net.predict(rowsOf(x, n, widths[0]), expected);
            net.compileAhead();
            org.junit.jupiter.api.Assertions.assertArrayEquals(before, net.parameters().values());
            int[] after = new int[n];
            net.predict(rowsOf(x, n, widths[0]), after);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, after);
            // a second network of the same widths finds the kernels warmed up already
            assertEquals(false, KernelWarmUp.run(KernelWarmUp.ROUNDS, widths));
        }
    }

    @Test
    void theEvaluationOfSparseRowsPredictsTheLargestLogitOfTheReferenceWithinRounding() {
        int[] widths = {784, 100, 100, 10};
        Mlp net = Mlp.dense(widths);
        net.initXavier(new SplittableRandom(23));
        ReferenceMlp ref = new ReferenceMlp(net, widths);
        int n = 300;
        SplittableRandom r = new SplittableRandom(24);
        float[] x = new float[n * 784];
        for (int row = 0; row < n; row++) {
            System.arraycopy(sparseInput(r, 784, 0.19), 0, x, row * 784, 784);
        }
        int[] predictions = new int[n];
        net.predict(rowsOf(x, n, 784), predictions);
        for (int row = 0; row < n; row++) {
            double[] in = new double[784];
            for (int i = 0; i < 784; i++) {
                in[i] = x[row * 784 + i];
            }
            double[] z = ref.logits(in);
            double max = java.util.Arrays.stream(z).max().orElseThrow();
            assertEquals(max, z[predictions[row]], 1e-5, "row " + row);
        }
    }

    @Test
    void denseRowsAreEvaluatedByTheDenseMatrixProducts() {
        int[] widths = {50, 30, 10};
        Mlp net = Mlp.dense(widths);
        net.initXavier(new SplittableRandom(25));
        int n = 64;
        SplittableRandom r = new SplittableRandom(26);
        float[] x = new float[n * 50];
        for (int row = 0; row < n; row++) {
            System.arraycopy(sparseInput(r, 50, 0.9), 0, x, row * 50, 50);
        }
        InputRows rows = rowsOf(x, n, 50);
        assertEquals(true, rows.nonZeroShare() > Mlp.SPARSE_EVALUATION_MAX_SHARE);
        int[] viaRows = new int[n];
        int[] viaMatrix = new int[n];
        net.predict(rows, viaRows);
        net.predict(org.nd4j.linalg.factory.Nd4j.create(x.clone(), new long[] {n, 50}, 'c'), viaMatrix);
        org.junit.jupiter.api.Assertions.assertArrayEquals(viaMatrix, viaRows);
    }
}
