package dev.mer.train.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InputRowsTest {
    static float[] rows(int n, int width, double density, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * width];
        for (int i = 0; i < x.length; i++) {
            if (r.nextDouble() < density) {
                x[i] = r.nextInt(1, 256) / 255f;
            }
        }
        return x;
    }

    static InputRows of(float[] x, int n, int width) {
        return new InputRows(n, width, (row, dst, off) -> System.arraycopy(x, row * width, dst, off, width),
                () -> Nd4j.create(x.clone(), new long[] {n, width}, 'c'));
    }

    @Test
    void thePackedFormHoldsEachRowsNonZeroInputsInOrderAndTheirShare() {
        int n = 37;
        int width = 50;
        float[] x = rows(n, width, 0.2, 1);
        InputRows rows = of(x, n, width);
        int nonZero = 0;
        for (float v : x) {
            nonZero += v != 0f ? 1 : 0;
        }
        assertEquals(nonZero / (double) (n * width), rows.nonZeroShare());
        InputRows.Packed p = rows.packed();
        for (int r = 0; r < n; r++) {
            float[] back = new float[width];
            for (int k = p.start()[r]; k < p.start()[r + 1]; k++) {
                back[p.index()[k]] = p.value()[k];
                if (k > p.start()[r]) {
                    assertEquals(true, p.index()[k] > p.index()[k - 1]);
                }
                assertEquals(true, p.value()[k] != 0f);
            }
            float[] row = new float[width];
            System.arraycopy(x, r * width, row, 0, width);
            assertArrayEquals(row, back);
        }
    }

    @Test
    void eachFormIsBuiltOnceAndTheShareSurvivesTheDenseForm() {
        int n = 5;
        int width = 8;
        float[] x = rows(n, width, 0.5, 2);
        AtomicInteger builds = new AtomicInteger();
        InputRows rows = new InputRows(n, width, (row, dst, off) -> System.arraycopy(x, row * width, dst, off, width),
                () -> {
                    builds.incrementAndGet();
                    return Nd4j.create(x.clone(), new long[] {n, width}, 'c');
                });
        double share = rows.nonZeroShare();
        INDArray dense = rows.dense();
        assertSame(dense, rows.dense());
        assertEquals(1, builds.get());
        assertEquals(share, rows.nonZeroShare());
        assertArrayEquals(x, dense.data().asFloat());
    }

    @Test
    void noRowsHaveNoNonZeroShare() {
        assertEquals(0.0, of(new float[0], 0, 4).nonZeroShare());
    }
}
