package dev.mer.bench.resnet;

import ai.djl.Device;
import java.nio.file.Path;

/**
 * Checks one candidate against PyTorch: loads the weights, batch, loss and gradients that
 * {@code bench/resnet18_torch.py --export FILE} wrote, runs one forward and backward pass, and
 * prints the parameter count, the logits' shape, the loss and how far the logits and every
 * gradient are from PyTorch's. Exits 1 if the count or shape differ, or the loss of either of two
 * passes differs from PyTorch's by more than 1e-4.
 *
 * <p>Gradients are compared by relative L2 error per tensor. The largest element-wise errors are
 * bigger (up to ~1e-2 of a tensor's largest gradient for ND4J) without a bug: forward activations
 * agree to ~1e-6, but the few pre-ReLU values that lie within rounding of zero fall on the other
 * side of the kink, and BatchNorm over small batches spreads those flips over the layers below.
 *
 * <p>Usage: {@code ResNet18Check FILE nd4j|nd4j-onednn|djl} (one candidate per JVM: JavaCPP loads
 * one libnd4j per process).
 */
public final class ResNet18Check {
    private ResNet18Check() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ResNet18Check FILE nd4j|nd4j-onednn|djl");
            System.exit(2);
        }
        ResNet18Spec ref = ResNet18Spec.load(Path.of(args[0]));
        String lib = args[1];
        ResNet18Candidate net;
        if (lib.startsWith("nd4j")) {
            Nd4jInfo.select(lib);
            net = new Nd4jResNet18(ref);
        } else if (lib.equals("djl")) {
            System.setProperty("ai.djl.offline", "true");
            net = new DjlResNet18(ref, Device.cpu()).keepGradients(true);
        } else {
            throw new IllegalArgumentException(lib);
        }
        try (net) {
            float loss = net.forwardBackward();
            float loss2 = net.forwardBackward();       // gradients must not accumulate across passes
            float torchLoss = ref.value("loss")[0];
            long count = net.parameterCount();
            long torchCount = ref.parameterCount();
            long[] shape = net.logitsShape();
            boolean shapeOk = shape.length == 2 && shape[0] == ResNet18Spec.BATCH && shape[1] == ResNet18Spec.CLASSES;
            System.out.println(lib + ": " + net.describe());
            System.out.printf("%s: parameters %d (PyTorch %d), logits %s%n", lib, count, torchCount,
                    java.util.Arrays.toString(shape));
            System.out.printf("%s: loss %.7f, PyTorch %.7f, |diff| %.2e (second pass %.7f)%n", lib, loss, torchLoss,
                    Math.abs(loss - torchLoss), loss2);
            System.out.printf("%s: logits max |diff| %.2e%n", lib, maxAbsDiff(net.logits(), ref.value("logits")));
            double worst = 0;
            double worstMax = 0;
            String worstName = "";
            String worstMaxName = "";
            for (ResNet18Spec.Param p : ref.params) {
                float[] g = ref.value("grad." + p.name());
                float[] h = net.gradient(p.name());
                double rel = l2Diff(h, g) / Math.max(l2(g), 1e-30);
                double relMax = maxAbsDiff(h, g) / Math.max(maxAbs(g), 1e-30);
                if (!(rel <= worst)) {
                    worst = rel;
                    worstName = p.name();
                }
                if (!(relMax <= worstMax)) {
                    worstMax = relMax;
                    worstMaxName = p.name();
                }
            }
            System.out.printf("%s: gradients of all %d tensors: worst ||g - g_torch|| / ||g_torch|| %.2e (%s);"
                    + " worst max|g - g_torch| / max|g_torch| %.2e (%s)%n", lib, ref.params.size(), worst, worstName,
                    worstMax, worstMaxName);
            boolean ok = count == torchCount && shapeOk && Math.abs(loss - torchLoss) <= 1e-4
                    && Math.abs(loss2 - torchLoss) <= 1e-4;
            System.out.println(lib + ": " + (ok ? "OK" : "MISMATCH"));
            System.exit(ok ? 0 : 1);
        }
    }

    static double maxAbsDiff(float[] a, float[] b) {
        if (a == null || a.length != b.length) {
            return Double.NaN;
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    static double l2Diff(float[] a, float[] b) {
        if (a == null || a.length != b.length) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    static double l2(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
