package dev.mer.generate.idx;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
public final class IdxFiles {
    private IdxFiles() {
    }

    /** The bytes of an unsigned-byte IDX file. */
    public static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        out.flush();
        return bytes.toByteArray();
    }

    /** {@code bytes} gzip-compressed. */
    public static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(b)) {
            out.write(bytes);
        }
        return b.toByteArray();
    }

    /**
     * Writes an MNIST-format directory: {@code trainCount} and {@code testCount} images of
     * {@code h x w} pixels with deterministic content, labels {@code i % classes}.
     */
    public static void writeSet(Path dir, int trainCount, int testCount, int h, int w, int classes, boolean gz)
            throws IOException {
        Files.createDirectories(dir);
        String suffix = gz ? ".gz" : "";
        writeSplit(dir, "train", trainCount, h, w, classes, suffix, 1);
        writeSplit(dir, "t10k", testCount, h, w, classes, suffix, 2);
    }

    private static void writeSplit(Path dir, String prefix, int count, int h, int w, int classes, String suffix, int salt)
            throws IOException {
        byte[] x = new byte[count * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) (i * 7 + salt * 13 + (i / (h * w)) * 31);
        }
        byte[] y = new byte[count];
        for (int i = 0; i < count; i++) {
            y[i] = (byte) ((i + salt) % classes);
        }
        byte[] images = idx(new int[] {count, h, w}, x);
        byte[] labels = idx(new int[] {count}, y);
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), suffix.isEmpty() ? images : gzip(images));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), suffix.isEmpty() ? labels : gzip(labels));
    }
}
