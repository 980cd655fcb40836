package dev.mer.bench;

import dev.mer.generate.idx.IdxDataset;
import dev.mer.train.network.Mlp;
import dev.mer.train.network.SparseRows;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * The critical path of the replay family: one single-example SGD step (forward, backward and
 * update, fused) of the paper's 784-100-100-10 network, on real MNIST digits (the embedded
 * sample: ~19% of pixels non-zero), real Fashion-MNIST (~49% non-zero; Debian's
 * dataset-fashion-mnist) and dense random inputs; from dense rows, and from rows stored as their
 * non-zero inputs as the replay memory keeps them.
 *
 * <p>Run: {@code bench/train-step.sh}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SgdStepBenchmark {
    static final int EXAMPLES = 1024;

    @Param({"mnist", "fashion", "dense"})
    public String inputs;

    Mlp net;
    SparseRows rows;
    float[] x;
    int[] y;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        net = Mlp.dense(784, 100, 100, 10);
        net.initXavier(new SplittableRandom(0));
        x = new float[EXAMPLES * 784];
        y = new int[EXAMPLES];
        SplittableRandom r = new SplittableRandom(1);
        IdxDataset sample = inputs.equals("fashion")
                ? IdxDataset.load(java.nio.file.Path.of("/usr/share/datasets/fashion-mnist")) : IdxDataset.sample();
        for (int e = 0; e < EXAMPLES; e++) {
            y[e] = sample.trainLabels()[e];
            for (int i = 0; i < 784; i++) {
                x[e * 784 + i] = !inputs.equals("dense") ? (sample.trainImages()[e * 784 + i] & 0xff) / 255f
                        : r.nextInt(1, 256) / 255f;
            }
        }
        rows = new SparseRows(EXAMPLES, 784);
        for (int e = 0; e < EXAMPLES; e++) {
            rows.set(e, x, e * 784);
        }
    }

    /** One fused single-example SGD step (averaged over 1,024 different examples). */
    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public float singleExampleStep() {
        float loss = 0;
        for (int e = 0; e < EXAMPLES; e++) {
            loss += net.sgdStep(x, e * 784, y[e], 0.001f);
        }
        return loss;
    }

    /** The same step on examples stored as their non-zero inputs (the replay memory's form). */
    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public float storedSparseStep() {
        float loss = 0;
        for (int e = 0; e < EXAMPLES; e++) {
            loss += net.sgdStep(rows, e, y[e], 0.001f);
        }
        return loss;
    }
}
