package dev.mer.convert;

import dev.mer.convert.torch.DType;
import dev.mer.convert.torch.Tensor;
import dev.mer.convert.torch.TorchFile;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.SplitWriter;
import dev.mer.dataset.XEncoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Streams a {@code .pt} file's tensors out in chunks of {@link #CHUNK_BYTES}: the labels (checked),
 * the float32 inputs encoded as bytes {@code k} ({@link #encodeFloats}, the test behind
 * {@link EncodingDecision}), and every task's rows into a task-set's {@link SplitWriter}. Memory is a
 * chunk's buffers, reused across tasks, whatever the file's size.
 */
final class TensorReader {
    /** Bytes read from the file at a time. */
    static final int CHUNK_BYTES = 8 << 20;
    /** Labels at or above this are taken as corruption rather than a class count. */
    static final long MAX_LABEL = 1 << 20;

    private final TorchFile file;
    private final FileWindows windows;
    private byte[] bytes;
    private float[] floats;

    TensorReader(TorchFile file, FileWindows windows) {
        this.file = file;
        this.windows = windows;
    }

    /** The file the tensors are read from. */
    TorchFile file() {
        return file;
    }

    /** A value that is not exactly k/255. */
    record Inexact(String split, int task, long row, long column, float value, long encoded) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "value %s (%s task %d, row %d, column %d) is not exactly k/255",
                    Float.toString(value), split, task, row, column);
        }
    }

    long floatBytes(TorchBenchmark bench) {
        long n = 0;
        for (boolean train : new boolean[] {true, false}) {
            for (TaskTensors t : bench.tasks(train)) {
                n += t.x().dtype() == DType.FLOAT32 ? t.x().numel() * 4 : 0;
            }
        }
        return n;
    }

    long xBytes(TorchBenchmark bench) {
        long n = 0;
        for (boolean train : new boolean[] {true, false}) {
            for (TaskTensors t : bench.tasks(train)) {
                n += t.x().numel() * t.x().dtype().size();
            }
        }
        return n;
    }

    int[][] labels(List<TaskTensors> tasks, String split, Map<Tensor, int[]> cache) throws IOException {
        int[][] result = new int[tasks.size()][];
        for (int t = 0; t < tasks.size(); t++) {
            Tensor y = tasks.get(t).y();
            int[] cached = cache.get(y);
            if (cached == null) {
                cached = readLabels(y, split, t);
                cache.put(y, cached);
            }
            result[t] = cached;
        }
        return result;
    }

    private int[] readLabels(Tensor y, String split, int task) throws IOException {
        int n = Math.toIntExact(y.size()[0]);
        int es = y.dtype().size();
        int[] labels = new int[n];
        int perChunk = CHUNK_BYTES / es;
        for (int r = 0; r < n; r += perChunk) {
            int m = Math.min(perChunk, n - r);
            ByteBuffer chunk = read(file.position(y) + (long) r * es, m * es);
            for (int i = 0; i < m; i++) {
                long v = switch (y.dtype()) {
                    case INT64 -> chunk.getLong(i * 8);
                    case INT32 -> chunk.getInt(i * 4);
                    default -> chunk.get(i) & 0xFF;
                };
                if (v < 0 || v >= MAX_LABEL) {
                    throw new InvalidInputException(file.path(), String.format(Locale.ROOT,
                            "label %d (%s task %d, row %d) is %s", v, split, task, r + i,
                            v < 0 ? "negative" : "implausibly large (corrupt?)"));
                }
                labels[r + i] = (int) v;
            }
        }
        return labels;
    }

    /**
     * Encodes every float32 input as bytes {@code k} into {@code spill}, in task order (train,
     * then test); stops at the first value that is not exactly {@code k/255} and returns it, or
     * null when all were.
     */
    Inexact encodeFloats(TorchBenchmark bench, FileChannel spill, LongConsumer progress) throws IOException {
        long encoded = 0;
        float[] floats = floatBuffer(CHUNK_BYTES / 4);
        byte[] bytes = byteBuffer(CHUNK_BYTES / 4);
        for (boolean train : new boolean[] {true, false}) {
            List<TaskTensors> tasks = bench.tasks(train);
            for (int t = 0; t < tasks.size(); t++) {
                Tensor x = tasks.get(t).x();
                if (x.dtype() != DType.FLOAT32) {
                    continue;
                }
                long total = x.numel() * 4;
                long position = file.position(x);
                for (long at = 0; at < total; at += CHUNK_BYTES) {
                    int n = (int) Math.min(CHUNK_BYTES, total - at);
                    read(position + at, n).asFloatBuffer().get(floats, 0, n / 4);
                    int bad = Uint8Scale.encode(floats, bytes, n / 4);
                    encoded += n;
                    if (bad >= 0) {
                        long index = at / 4 + bad;
                        long d = x.numel() / Math.max(1, x.size()[0]);
                        return new Inexact(train ? "train" : "test", t, index / d, index % d, floats[bad],
                                encoded);
                    }
                    ByteBuffer out = ByteBuffer.wrap(bytes, 0, n / 4);
                    while (out.hasRemaining()) {
                        spill.write(out);
                    }
                    progress.accept(encoded);
                }
            }
        }
        spill.position(0);
        return null;
    }

    /**
     * Appends every task's rows to {@code w}. Float32 inputs stored as uint8 come from
     * {@code encoded}, the spill file of {@link #encodeFloats}, read sequentially; everything
     * else from the file.
     */
    void write(List<TaskTensors> tasks, int[][] labels, XEncoding encoding, FileChannel encoded, SplitWriter w,
               String split, LongConsumer progress) throws IOException {
        for (int t = 0; t < tasks.size(); t++) {
            Tensor x = tasks.get(t).x();
            long rows = x.size()[0];
            if (rows == 0) {
                continue;
            }
            int d = Math.toIntExact(x.numel() / rows);
            int es = x.dtype().size();
            int rowBytes = d * es;
            int perChunk = Math.max(1, CHUNK_BYTES / rowBytes);
            byte[] bytes = byteBuffer(perChunk * d);
            float[] floats = encoding == XEncoding.FLOAT32 || x.dtype() == DType.FLOAT32
                    ? floatBuffer(perChunk * d) : null;
            long position = file.position(x);
            for (long r = 0; r < rows; r += perChunk) {
                int n = (int) Math.min(perChunk, rows - r);
                int values = n * d;
                if (x.dtype() == DType.FLOAT32 && encoding == XEncoding.UINT8) {
                    ByteBuffer in = ByteBuffer.wrap(bytes, 0, values);
                    while (in.hasRemaining()) {
                        if (encoded.read(in) < 0) {
                            throw new IllegalStateException("the encoded inputs ended early");
                        }
                    }
                    w.appendUint8(t, bytes, 0, labels[t], (int) r, n);
                    progress.accept((long) n * rowBytes);
                    continue;
                }
                ByteBuffer chunk = read(position + r * rowBytes, n * rowBytes);
                if (x.dtype() == DType.FLOAT32) {
                    chunk.asFloatBuffer().get(floats, 0, values);
                    w.appendFloat32(t, floats, 0, labels[t], (int) r, n);
                } else {
                    chunk.get(0, bytes, 0, values);
                    if (encoding == XEncoding.UINT8) {
                        w.appendUint8(t, bytes, 0, labels[t], (int) r, n);
                    } else {
                        Uint8Scale.decode(bytes, floats, values);
                        w.appendFloat32(t, floats, 0, labels[t], (int) r, n);
                    }
                }
                progress.accept((long) n * rowBytes);
            }
        }
    }

    /** A reused array of at least {@code n} bytes: one allocation per conversion, not per task. */
    private byte[] byteBuffer(int n) {
        if (bytes == null || bytes.length < n) {
            bytes = new byte[n];
        }
        return bytes;
    }

    /** A reused array of at least {@code n} floats. */
    private float[] floatBuffer(int n) {
        if (floats == null || floats.length < n) {
            floats = new float[n];
        }
        return floats;
    }

    /** The {@code n ≤ CHUNK_BYTES} bytes at {@code position}, little-endian, valid until the next read. */
    private ByteBuffer read(long position, int n) throws IOException {
        return windows.slice(position, n);
    }
}
