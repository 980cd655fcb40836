package dev.mer.train.checkpoint;

import dev.mer.train.network.Parameters;
import dev.mer.train.network.SparseRows;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a checkpoint's fields: each one named and typed (FORMAT.md, "Checkpoints"), so that a
 * reader expecting another field says which it expected and which it found, rather than
 * misreading bytes. Big-endian, as {@link DataOutputStream}. The order of the fields is the
 * contract: a learner reads its fields back in the order it wrote them.
 */
public final class StateWriter {
    /** Bulk arrays go through a buffer of this many bytes rather than value by value. */
    private static final int CHUNK = 1 << 16;

    private final DataOutputStream out;
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);

    StateWriter(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    private void header(FieldType type, String name) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length == 0 || n.length > StateReader.MAX_NAME) {
            throw new IllegalArgumentException("Invalid field name: '" + name + "'");
        }
        out.writeByte(type.tag);
        out.writeShort(n.length);
        out.write(n);
    }

    /** An int field. */
    public void writeInt(String name, int value) throws IOException {
        header(FieldType.INT, name);
        out.writeInt(value);
    }

    /** A long field. */
    public void writeLong(String name, long value) throws IOException {
        header(FieldType.LONG, name);
        out.writeLong(value);
    }

    /** A double field, bit for bit (NaN included). */
    public void writeDouble(String name, double value) throws IOException {
        header(FieldType.DOUBLE, name);
        out.writeLong(Double.doubleToRawLongBits(value));
    }

    /** A text field (UTF-8). */
    public void writeText(String name, String value) throws IOException {
        header(FieldType.TEXT, name);
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** An int array field: {@code v[from, from + n)}. */
    public void writeInts(String name, int[] v, int from, int n) throws IOException {
        header(FieldType.INTS, name);
        out.writeInt(n);
        for (int i = 0; i < n; ) {
            chunk.clear();
            int m = Math.min(n - i, CHUNK / Integer.BYTES);
            chunk.asIntBuffer().put(v, from + i, m);
            out.write(chunk.array(), 0, m * Integer.BYTES);
            i += m;
        }
    }

    /** An int array field. */
    public void writeInts(String name, int[] v) throws IOException {
        writeInts(name, v, 0, v.length);
    }

    /** A float array field: {@code v[from, from + n)}, bit for bit. */
    public void writeFloats(String name, float[] v, int from, int n) throws IOException {
        header(FieldType.FLOATS, name);
        out.writeInt(n);
        for (int i = 0; i < n; ) {
            chunk.clear();
            int m = Math.min(n - i, CHUNK / Float.BYTES);
            chunk.asFloatBuffer().put(v, from + i, m);
            out.write(chunk.array(), 0, m * Float.BYTES);
            i += m;
        }
    }

    /** A float array field. */
    public void writeFloats(String name, float[] v) throws IOException {
        writeFloats(name, v, 0, v.length);
    }

    /** A parameter vector's values (its gradient is scratch, recomputed at every step). */
    public void writeParameters(String name, Parameters p) throws IOException {
        writeFloats(name, p.values());
    }

    /**
     * Rows {@code [from, from + n)} of {@code rows} as their non-zero inputs: three fields,
     * {@code NAME.counts}, {@code NAME.indices} and {@code NAME.values} (a memory of MNIST digits
     * takes a fifth of its dense size).
     */
    public void writeSparseRows(String name, SparseRows rows, int from, int n) throws IOException {
        int[] counts = new int[n];
        long total = 0;
        for (int r = 0; r < n; r++) {
            counts[r] = rows.count(from + r);
            total += counts[r];
        }
        int[] indices = new int[Math.toIntExact(total)];
        float[] values = new float[indices.length];
        int at = 0;
        for (int r = 0; r < n; r++) {
            at += rows.copyNonZeros(from + r, indices, values, at);
        }
        writeInts(name + ".counts", counts);
        writeInts(name + ".indices", indices);
        writeFloats(name + ".values", values);
    }

    void flush() throws IOException {
        out.flush();
    }
}
