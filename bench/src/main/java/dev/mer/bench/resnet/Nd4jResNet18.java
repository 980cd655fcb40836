package dev.mer.bench.resnet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network in ND4J's SameDiff (1.0.0-M2.1): {@code cnn().conv2d} (NCHW input, weights
 * [kH, kW, in, out]), training-mode BatchNorm written out from mean, subtraction, rsqrt and
 * products (see {@link #bn}), {@code nn().relu}, the 4×4 average pool as a mean over H and W (the same thing
 * on the last stage's 4×4 maps), mmul and add for the linear layer, and
 * {@code loss().softmaxCrossEntropy};
 * {@link SameDiff#calculateGradientsAndOutputs} runs the forward and backward pass.
 *
 * <p>Which libnd4j runs is JavaCPP's choice: the plain {@code linux-x86_64} build (im2col and
 * OpenBLAS gemm for conv2d), or the {@code linux-x86_64-onednn} build with
 * {@code -Dorg.bytedeco.javacpp.platform.extension=-onednn} set before ND4J first loads.
 */
public final class Nd4jResNet18 implements ResNet18Candidate {
    private final ResNet18Spec spec;
    private final SameDiff sd = SameDiff.create();
    private final Map<String, String> sdName = new HashMap<>();
    private final List<String> paramNames = new ArrayList<>();
    private final Map<String, INDArray> placeholders = new HashMap<>();
    private final List<String> outputs = List.of("loss", "logits");
    private OutAndGrad last;

    public Nd4jResNet18(ResNet18Spec spec) {
        this.spec = spec;
        for (ResNet18Spec.Param p : spec.params) {
            String n = p.name().replace('.', '_');
            sdName.put(p.name(), n);
            paramNames.add(n);
        }
        SDVariable x = sd.placeHolder("input", DataType.FLOAT, ResNet18Spec.BATCH, 3, 32, 32);
        SDVariable y = sd.placeHolder("labels", DataType.FLOAT, ResNet18Spec.BATCH, ResNet18Spec.CLASSES);
        SDVariable out = sd.nn().relu(bn(conv(x, "conv1", 3, 1), "bn1"), 0);
        for (ResNet18Spec.Block b : spec.blocks) {
            SDVariable h = sd.nn().relu(bn(conv(out, b.prefix() + ".conv1", 3, b.stride()), b.prefix() + ".bn1"), 0);
            h = bn(conv(h, b.prefix() + ".conv2", 3, 1), b.prefix() + ".bn2");
            SDVariable shortcut = b.projection()
                    ? bn(conv(out, b.prefix() + ".shortcut.0", 1, b.stride()), b.prefix() + ".shortcut.1")
                    : out;
            String n = b.prefix().replace('.', '_');
            out = sd.nn().relu(n + "_out", h.add(n + "_sum", shortcut), 0);
        }
        SDVariable pooled = sd.mean(out, 2, 3);
        // mmul + add rather than nn().linear: the oneDNN build's xw_plus_b gives wrong logits from the
        // second pass on (the first is right), the plain build is right either way.
        SDVariable logits = pooled.mmul(param("linear.weight")).add("logits", param("linear.bias"));
        sd.loss().softmaxCrossEntropy("loss", y, logits, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
        sd.setLossVariables("loss");
        placeholders.put("input", Nd4j.create(spec.input, new long[] {ResNet18Spec.BATCH, 3, 32, 32}));
        placeholders.put("labels", Nd4j.create(spec.oneHotLabels(), new long[] {ResNet18Spec.BATCH, ResNet18Spec.CLASSES}));
    }

    private SDVariable conv(SDVariable in, String name, int k, int stride) {
        Conv2DConfig c = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(k / 2).pW(k / 2)
                .dH(1).dW(1).dataFormat("NCHW").build();
        return sd.cnn().conv2d(in, param(name + ".weight"), c);
    }

    /**
     * Training-mode BatchNorm from elementwise ops: {@code nn().batchNorm} has no usable gradient in
     * 1.0.0-M2.1 (its doDiff builds BatchNormDerivative without the axis and throws "Invalid axis
     * argument"), so the normalisation is written out and SameDiff differentiates that.
     */
    private SDVariable bn(SDVariable in, String name) {
        long c = spec.params.stream().filter(q -> q.name().equals(name + ".weight")).findFirst().orElseThrow().shape()[0];
        SDVariable centred = in.sub(sd.mean(in, true, 0, 2, 3));
        SDVariable var = sd.mean(centred.mul(centred), true, 0, 2, 3);
        SDVariable normed = centred.mul(sd.math().rsqrt(var.add(ResNet18Spec.BN_EPS)));
        return normed.mul(param(name + ".weight").reshape(1, c, 1, 1)).add(param(name + ".bias").reshape(1, c, 1, 1));
    }

    /** A trainable variable from the spec's PyTorch-layout value, in ND4J's layout. */
    private SDVariable param(String name) {
        ResNet18Spec.Param p = spec.params.stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
        INDArray a = Nd4j.create(spec.value(name), p.shape());
        if (p.shape().length == 4) {
            a = a.permute(2, 3, 1, 0).dup('c');        // [out, in, kH, kW] -> [kH, kW, in, out]
        } else if (p.shape().length == 2) {
            a = a.transpose().dup('c');                // [out, in] -> [in, out]
        }
        return sd.var(sdName.get(name), a);
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (String p : paramNames) {
            n += sd.getVariable(p).getArr().length();
        }
        return n;
    }

    @Override
    public float forwardBackward() {
        last = sd.calculateGradientsAndOutputs(placeholders, outputs, paramNames);
        return last.getOutputs().get("loss").getFloat(0);
    }

    @Override
    public float[] logits() {
        return last.getOutputs().get("logits").dup('c').data().asFloat();
    }

    @Override
    public long[] logitsShape() {
        return last.getOutputs().get("logits").shape();
    }

    @Override
    public float[] gradient(String name) {
        INDArray g = last.getGradients().get(sdName.get(name));
        if (g.rank() == 4) {
            g = g.permute(3, 2, 0, 1);                 // [kH, kW, in, out] -> [out, in, kH, kW]
        } else if (g.rank() == 2) {
            g = g.transpose();
        }
        return g.dup('c').data().asFloat();
    }

    @Override
    public String describe() {
        return Nd4jInfo.describe();
    }

    @Override
    public void close() {
        last = null;                                   // SameDiff holds no native resources to free
    }
}
