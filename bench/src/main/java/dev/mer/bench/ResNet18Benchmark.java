package dev.mer.bench;

import ai.djl.Device;
import dev.mer.bench.resnet.DjlResNet18;
import dev.mer.bench.resnet.Nd4jInfo;
import dev.mer.bench.resnet.Nd4jResNet18;
import dev.mer.bench.resnet.ResNet18Candidate;
import dev.mer.bench.resnet.ResNet18Spec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Candidates for convolutions: one forward and backward pass (softmax cross-entropy loss and the
 * gradient of every parameter, BatchNorm on batch statistics) of GEM's reduced ResNet-18 for
 * CIFAR-100 ({@code ResNet18(100, nf=20)}, 1,109,240 parameters) on a batch of 10 random 3×32×32
 * images (fixed seed), with
 * <ul>
 *   <li>{@code nd4j}: ND4J 1.0.0-M2.1 SameDiff on the plain linux-x86_64 libnd4j (the project's);
 *   <li>{@code nd4j-onednn}: the same on Maven Central's linux-x86_64-onednn build of libnd4j;
 *   <li>{@code djl}: DJL 0.36.0's PyTorch engine on libtorch 2.7.1 from Maven Central.
 * </ul>
 * Sample mode: every pass is timed, so the score's p0.50 is the median pass. Each library runs in
 * its own fork. {@code threads} sets the libraries' thread counts; bench/resnet18.sh also sets
 * OMP_NUM_THREADS to it. PyTorch's own figure comes from bench/resnet18_torch.py; correctness
 * against PyTorch from {@code dev.mer.bench.resnet.ResNet18Check}.
 *
 * <p>Run: {@code bench/resnet18.sh}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dai.djl.offline=true"})
@Warmup(iterations = 3, time = 6)
@Measurement(iterations = 5, time = 6)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ResNet18Benchmark {
    @Param({"nd4j", "nd4j-onednn", "djl"})
    public String library;

    @Param({"1"})
    public int threads;

    ResNet18Candidate net;

    @Setup(Level.Trial)
    public void build() {
        ResNet18Spec spec = ResNet18Spec.random(0);
        if (library.startsWith("nd4j")) {
            Nd4jInfo.select(library);
            Nd4jInfo.threads(threads);
            net = new Nd4jResNet18(spec);
        } else {
            DjlResNet18.threads(threads);
            net = new DjlResNet18(spec, Device.cpu());
        }
        net.forwardBackward();
        System.out.println();
        System.out.println("# " + library + ": " + net.describe());
    }

    @TearDown(Level.Trial)
    public void close() {
        net.close();
    }

    /** One forward and backward pass. */
    @Benchmark
    public float forwardBackward() {
        return net.forwardBackward();
    }
}
