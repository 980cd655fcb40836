package dev.mer.bench;

import dev.mer.generate.idx.IdxDataset;
import dev.mer.train.network.InputRows;
import dev.mer.train.network.Mlp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation's work per test row, side by side: the batched dense products of mer's evaluation
 * before issue 14 ({@link Mlp#predict(INDArray, int[])}: three single-threaded ND4J/OpenBLAS matrix
 * products over all rows, bias, ReLU, argmax); mer's evaluation since ({@code hybrid},
 * {@link Mlp#predict(InputRows, int[])}: the first layer through each row's non-zero inputs, kept
 * packed once, the further layers dense over blocks of rows, or the dense products when the
 * inputs are too dense); that same non-zero walk whatever the density ({@code nonZeroInputs}); and
 * the sparse single-example forward pass that training uses, row by row
 * ({@link Mlp#predict(float[], int)}, which first compacts the row's non-zero inputs).
 * The paper's 784-100-100-10 network (Xavier-initialised; about half of its hidden units are zero
 * after ReLU, as in training), on 10,000 real MNIST digits (the embedded sample, ~19% of pixels
 * non-zero) or 10,000 Fashion-MNIST images (~50%; Debian's dataset-fashion-mnist).
 *
 * <p>Run: {@code bench/evaluation.sh}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-modules=jdk.incubator.vector",
    // the plain libnd4j that mer's training used, not the oneDNN build also on the class path
    "-Dorg.bytedeco.javacpp.platform.extension="})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EvaluationBenchmark {
    static final int ROWS = 10_000;

    @Param({"mnist", "fashion"})
    public String inputs;

    Mlp net;
    float[] x;
    INDArray dense;
    InputRows rows;
    int[] predictions = new int[ROWS];

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        net = Mlp.dense(784, 100, 100, 10);
        net.initXavier(new SplittableRandom(0));
        IdxDataset data = inputs.equals("fashion")
                ? IdxDataset.load(Path.of("/usr/share/datasets/fashion-mnist")) : IdxDataset.sample();
        byte[] train = data.trainImages();
        byte[] test = data.testImages();
        x = new float[ROWS * 784];
        for (int e = 0; e < ROWS; e++) {
            for (int i = 0; i < 784; i++) {
                // the sample has 8,000 train and 2,000 test images: all ten thousand
                int k = e * 784 + i;
                byte b = k < train.length ? train[k] : test[k - train.length];
                x[k] = (b & 0xff) / 255f;
            }
        }
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        dense = Nd4j.create(x, new long[] {ROWS, 784}, 'c');
        rows = new InputRows(ROWS, 784, (r, dst, off) -> System.arraycopy(x, r * 784, dst, off, 784),
                () -> dense);
        rows.nonZeroShare();
    }

    /** The single-example sparse forward pass, row by row. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int sparseRows() {
        int last = 0;
        for (int r = 0; r < ROWS; r++) {
            last = net.predict(x, r * 784);
        }
        return last;
    }

    /** The evaluation through the rows' non-zero inputs ({@link Mlp#predict(InputRows, int[])}). */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int hybrid() {
        net.predict(rows, predictions);
        return predictions[ROWS - 1];
    }

    /** The evaluation through the rows' non-zero inputs even where mer reads the dense matrix. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int nonZeroInputs() {
        net.predictFromNonZeroInputs(rows, predictions);
        return predictions[ROWS - 1];
    }

    /** The dense matrix products over all rows (mer's evaluation before issue 14, and of dense inputs). */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int denseGemm() {
        net.predict(dense, predictions);
        return predictions[ROWS - 1];
    }
}
