package dev.mer.bench;

import dev.mer.generate.idx.IdxDataset;
import dev.mer.train.network.Linear;
import dev.mer.train.network.Mlp;
import dev.mer.train.network.SparseRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
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
 * One evaluation's work per test row, side by side: the sparse forward pass that {@code mer train}
 * evaluates with (row by row over the rows' non-zero inputs, {@link Mlp#predict}), against the
 * batched dense evaluation it used before (three single-threaded ND4J/OpenBLAS matrix products
 * over all rows, bias, ReLU, argmax — the previous {@code Mlp.predict}, kept here as the baseline).
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
    SparseRows rows;
    INDArray dense;
    int[] predictions = new int[ROWS];
    INDArray[] weights;
    INDArray[] biases;
    INDArray[] outs;
    float[] logits = new float[ROWS * 10];

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        net = Mlp.dense(784, 100, 100, 10);
        net.initXavier(new SplittableRandom(0));
        IdxDataset data = inputs.equals("fashion")
                ? IdxDataset.load(Path.of("/usr/share/datasets/fashion-mnist")) : IdxDataset.sample();
        byte[] train = data.trainImages();
        byte[] test = data.testImages();
        float[] x = new float[ROWS * 784];
        for (int e = 0; e < ROWS; e++) {
            for (int i = 0; i < 784; i++) {
                // the sample has 8,000 train and 2,000 test images: all ten thousand
                int k = e * 784 + i;
                byte b = k < train.length ? train[k] : test[k - train.length];
                x[k] = (b & 0xff) / 255f;
            }
        }
        rows = SparseRows.packed(ROWS, 784);
        for (int e = 0; e < ROWS; e++) {
            rows.append(x, e * 784);
        }
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        dense = Nd4j.create(x, new long[] {ROWS, 784}, 'c');
        Linear[] layers = net.layers();
        weights = new INDArray[layers.length];
        biases = new INDArray[layers.length];
        outs = new INDArray[layers.length];
        for (int l = 0; l < layers.length; l++) {
            weights[l] = Nd4j.createUninitialized(DataType.FLOAT, layers[l].in(), layers[l].out());
            biases[l] = Nd4j.createUninitialized(DataType.FLOAT, 1, layers[l].out());
            outs[l] = Nd4j.createUninitialized(DataType.FLOAT, ROWS, layers[l].out());
        }
    }

    /** mer's evaluation: the sparse forward pass, row by row. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int sparseRows() {
        net.predict(rows, 0, ROWS, predictions);
        return predictions[ROWS - 1];
    }

    /** The previous evaluation: dense matrix products over all rows (weights copied in, as it did per call). */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int denseGemm() {
        float[] v = net.parameters().values();
        Linear[] layers = net.layers();
        INDArray h = dense;
        for (int l = 0; l < layers.length; l++) {
            new FloatPointer(weights[l].data().addressPointer()).put(v, layers[l].offset(), layers[l].in() * layers[l].out());
            new FloatPointer(biases[l].data().addressPointer()).put(v, layers[l].biasOffset(), layers[l].out());
            Nd4j.gemm(h, weights[l], outs[l], false, false, 1.0, 0.0);
            outs[l].addiRowVector(biases[l]);
            if (l + 1 < layers.length) {
                Transforms.relu(outs[l], false);
            }
            h = outs[l];
        }
        new FloatPointer(h.data().addressPointer()).get(logits, 0, logits.length);
        for (int r = 0; r < ROWS; r++) {
            int best = 0;
            for (int j = 1; j < 10; j++) {
                if (logits[r * 10 + j] > logits[r * 10 + best]) {
                    best = j;
                }
            }
            predictions[r] = best;
        }
        return predictions[ROWS - 1];
    }
}
