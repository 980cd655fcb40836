package dev.mer.bench.resnet;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * GEM's reduced ResNet-18 ({@code ResNet18(nclasses, nf=20)} of GEM's and MER's
 * {@code model/common.py}) as a list of parameters in PyTorch's {@code named_parameters()} order
 * and layouts (conv weights [out, in, kH, kW], linear weight [out, in]), with their values, a batch
 * of inputs and its labels: what each candidate library builds its network from.
 *
 * <p>Values come either from {@link #random} (fixed seed; PyTorch's default initialisation
 * distributions) or from {@link #load}, the file {@code bench/resnet18_torch.py --export} writes
 * with PyTorch's own initial weights, batch, loss and gradients, to check a candidate against
 * PyTorch.
 */
public final class ResNet18Spec {
    public static final int NF = 20;
    public static final int CLASSES = 100;
    public static final int BATCH = 10;
    public static final int[] IMAGE = {3, 32, 32};
    public static final double BN_EPS = 1e-5;

    /** One BasicBlock: conv3x3-BN-ReLU-conv3x3-BN (+ 1x1 conv-BN shortcut) + add, ReLU. */
    public record Block(String prefix, int in, int out, int stride) {
        public boolean projection() {
            return stride != 1 || in != out;
        }
    }

    /** A parameter: its PyTorch name and shape. */
    public record Param(String name, long[] shape) {
        public int size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return Math.toIntExact(n);
        }
    }

    public final List<Block> blocks;
    public final List<Param> params;
    /** Parameter (and, from a file, reference) values by name, in PyTorch layout. */
    public final Map<String, float[]> values;
    public final float[] input;
    public final int[] labels;

    private ResNet18Spec(Map<String, float[]> values, float[] input, int[] labels) {
        this.blocks = blocks();
        this.params = params(blocks);
        this.values = values;
        this.input = input;
        this.labels = labels;
    }

    /** The eight BasicBlocks: widths nf·{1,2,4,8}, two per stage, strides 1, 2, 2, 2. */
    public static List<Block> blocks() {
        List<Block> b = new ArrayList<>();
        int in = NF;
        int[] widths = {NF, 2 * NF, 4 * NF, 8 * NF};
        int[] strides = {1, 2, 2, 2};
        for (int layer = 0; layer < 4; layer++) {
            for (int i = 0; i < 2; i++) {
                b.add(new Block("layer" + (layer + 1) + "." + i, in, widths[layer], i == 0 ? strides[layer] : 1));
                in = widths[layer];
            }
        }
        return List.copyOf(b);
    }

    static List<Param> params(List<Block> blocks) {
        List<Param> p = new ArrayList<>();
        p.add(new Param("conv1.weight", new long[] {NF, 3, 3, 3}));
        bn(p, "bn1", NF);
        for (Block b : blocks) {
            p.add(new Param(b.prefix + ".conv1.weight", new long[] {b.out, b.in, 3, 3}));
            bn(p, b.prefix + ".bn1", b.out);
            p.add(new Param(b.prefix + ".conv2.weight", new long[] {b.out, b.out, 3, 3}));
            bn(p, b.prefix + ".bn2", b.out);
            if (b.projection()) {
                p.add(new Param(b.prefix + ".shortcut.0.weight", new long[] {b.out, b.in, 1, 1}));
                bn(p, b.prefix + ".shortcut.1", b.out);
            }
        }
        p.add(new Param("linear.weight", new long[] {CLASSES, 8 * NF}));
        p.add(new Param("linear.bias", new long[] {CLASSES}));
        return List.copyOf(p);
    }

    private static void bn(List<Param> p, String prefix, int c) {
        p.add(new Param(prefix + ".weight", new long[] {c}));
        p.add(new Param(prefix + ".bias", new long[] {c}));
    }

    public long parameterCount() {
        return params.stream().mapToLong(Param::size).sum();
    }

    public float[] value(String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no tensor " + name);
        }
        return v;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * Random weights with PyTorch's default initialisation distributions (conv and linear weights
     * and the linear bias uniform in ±1/√fan_in, BatchNorm γ = 1, β = 0), a standard normal batch
     * and uniform labels, all from {@code seed}.
     */
    public static ResNet18Spec random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, float[]> v = new LinkedHashMap<>();
        for (Param p : params(blocks())) {
            float[] a = new float[p.size()];
            if (p.shape.length > 1 || p.name.equals("linear.bias")) {
                long fanIn = p.name.equals("linear.bias") ? 8 * NF : p.size() / p.shape[0];
                double bound = 1 / Math.sqrt(fanIn);
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) r.nextDouble(-bound, bound);
                }
            } else if (p.name.endsWith(".weight")) {
                Arrays.fill(a, 1f);
            }
            v.put(p.name, a);
        }
        float[] x = new float[BATCH * IMAGE[0] * IMAGE[1] * IMAGE[2]];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) gaussian(r);
        }
        int[] y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            y[i] = r.nextInt(CLASSES);
        }
        return new ResNet18Spec(v, x, y);
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * w);
    }

    /** Reads a file of {@code bench/resnet18_torch.py --export} (format in its {@code export}). */
    public static ResNet18Spec load(Path file) throws IOException {
        Map<String, float[]> v = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file);
                DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in))) {
            byte[] magic = d.readNBytes(4);
            if (!"MERT".equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new IOException(file + ": not a tensor file of resnet18_torch.py");
            }
            int count = Integer.reverseBytes(d.readInt());
            for (int t = 0; t < count; t++) {
                String name = new String(d.readNBytes(Integer.reverseBytes(d.readInt())), StandardCharsets.UTF_8);
                int rank = Integer.reverseBytes(d.readInt());
                long n = 1;
                for (int i = 0; i < rank; i++) {
                    n *= Long.reverseBytes(d.readLong());
                }
                ByteBuffer b = ByteBuffer.wrap(d.readNBytes(Math.toIntExact(4 * n))).order(ByteOrder.LITTLE_ENDIAN);
                float[] a = new float[(int) n];
                b.asFloatBuffer().get(a);
                v.put(name, a);
            }
        }
        float[] x = v.get("input");
        float[] yf = v.get("labels");
        int[] y = new int[yf.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.round(yf[i]);
        }
        ResNet18Spec s = new ResNet18Spec(v, x, y);
        for (Param p : s.params) {
            if (s.value(p.name).length != p.size()) {
                throw new IOException(file + ": " + p.name + " has " + s.value(p.name).length + " values, expected " + p.size());
            }
        }
        return s;
    }

    /** One-hot labels, [BATCH, CLASSES] row-major. */
    public float[] oneHotLabels() {
        float[] o = new float[BATCH * CLASSES];
        for (int i = 0; i < BATCH; i++) {
            o[i * CLASSES + labels[i]] = 1f;
        }
        return o;
    }
}
