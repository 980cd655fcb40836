package dev.mer.bench.resnet;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The network in DJL's PyTorch engine (libtorch from Maven Central's {@code pytorch-native-cpu},
 * so no download at run time: {@code -Dai.djl.offline=true}), written with DJL's functional ops,
 * each one libtorch call: {@code Conv2d.conv2d} (torch::conv2d), {@code BatchNorm.batchNorm} in
 * training mode (torch::batch_norm), ReLU, {@code Pool.avgPool2d} (4×4), {@code Linear.linear},
 * log-softmax; the gradients come from libtorch's autograd ({@link GradientCollector}).
 */
public final class DjlResNet18 implements ResNet18Candidate {
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape ZERO = new Shape(0, 0);

    private final ResNet18Spec spec;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final Map<String, NDArray[]> running = new HashMap<>();
    private final NDArray input;
    private final NDArray oneHot;
    private float[] logits;
    private long[] logitsShape;
    private final Map<String, float[]> grads = new HashMap<>();
    private boolean keepGradients;

    public DjlResNet18(ResNet18Spec spec, Device device) {
        this.spec = spec;
        this.manager = NDManager.newBaseManager(device, "PyTorch");
        for (ResNet18Spec.Param p : spec.params) {
            NDArray a = manager.create(spec.value(p.name()), new Shape(p.shape()));
            a.setRequiresGradient(true);
            params.put(p.name(), a);
        }
        input = manager.create(spec.input, new Shape(ResNet18Spec.BATCH, 3, 32, 32));
        oneHot = manager.create(spec.oneHotLabels(), new Shape(ResNet18Spec.BATCH, ResNet18Spec.CLASSES));
    }

    /** Whether {@link #forwardBackward} copies every gradient out (for the check; not timed). */
    public DjlResNet18 keepGradients(boolean keep) {
        this.keepGradients = keep;
        return this;
    }

    /** libtorch's intra-op threads (torch::set_num_threads). */
    public static void threads(int n) {
        Engine.getEngine("PyTorch");                   // loads libtorch first
        ai.djl.pytorch.jni.JniUtils.setNumThreads(n);
    }

    @Override
    public long parameterCount() {
        return params.values().stream().mapToLong(NDArray::size).sum();
    }

    @Override
    public float forwardBackward() {
        float loss;
        try (NDManager pass = manager.newSubManager();
                GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray x = input.duplicate();
            x.attach(pass);
            NDArray out = relu(bn(conv(x, "conv1", 1, 1), "bn1"));
            for (ResNet18Spec.Block b : spec.blocks) {
                NDArray h = relu(bn(conv(out, b.prefix() + ".conv1", b.stride(), 1), b.prefix() + ".bn1"));
                h = bn(conv(h, b.prefix() + ".conv2", 1, 1), b.prefix() + ".bn2");
                NDArray shortcut = b.projection()
                        ? bn(conv(out, b.prefix() + ".shortcut.0", b.stride(), 0), b.prefix() + ".shortcut.1")
                        : out;
                out = relu(h.add(shortcut));
            }
            NDArray pooled = Pool.avgPool2d(out, new Shape(4, 4), new Shape(4, 4), ZERO, false, true)
                    .reshape(ResNet18Spec.BATCH, -1);
            NDArray z = Linear.linear(pooled, params.get("linear.weight"), params.get("linear.bias")).singletonOrThrow();
            NDArray lossArray = z.logSoftmax(1).mul(oneHot).sum().neg().div(ResNet18Spec.BATCH);
            gc.backward(lossArray);
            loss = lossArray.getFloat();
            logitsShape = z.getShape().getShape();
            if (keepGradients) {
                logits = z.toFloatArray();
            }
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                try (NDArray g = e.getValue().getGradient()) {
                    if (keepGradients) {
                        grads.put(e.getKey(), g.toFloatArray());
                    }
                    g.subi(g);                         // zero_grad for the next pass
                }
            }
        }
        return loss;
    }

    private NDArray conv(NDArray x, String name, int stride, int pad) {
        return Conv2d.conv2d(x, params.get(name + ".weight"), null, new Shape(stride, stride), new Shape(pad, pad), ONE, 1)
                .singletonOrThrow();
    }

    private NDArray bn(NDArray x, String name) {
        NDArray[] r = running.computeIfAbsent(name, n -> {
            long c = params.get(n + ".weight").size();
            return new NDArray[] {manager.zeros(new Shape(c)), manager.ones(new Shape(c))};
        });
        return BatchNorm.batchNorm(x, r[0], r[1], params.get(name + ".weight"), params.get(name + ".bias"), 1, 0.1f,
                (float) ResNet18Spec.BN_EPS, true).singletonOrThrow();
    }

    private static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    @Override
    public float[] logits() {
        return logits;
    }

    @Override
    public long[] logitsShape() {
        return logitsShape;
    }

    @Override
    public float[] gradient(String name) {
        return grads.get(name);
    }

    @Override
    public String describe() {
        Engine e = Engine.getEngine("PyTorch");
        return "DJL " + Engine.getDjlVersion() + " PyTorch engine, libtorch " + e.getVersion()
                + " (pytorch-native-cpu from Maven Central), " + ai.djl.pytorch.jni.JniUtils.getNumThreads()
                + " intra-op threads; " + manager.getDevice();
    }

    @Override
    public void close() {
        manager.close();
    }
}
