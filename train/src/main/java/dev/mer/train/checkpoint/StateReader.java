package dev.mer.train.checkpoint;

import dev.mer.dataset.InvalidInputException;
import dev.mer.train.network.Parameters;
import dev.mer.train.network.SparseRows;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a checkpoint's fields back, in the order they were written, each checked against the name
 * and type the reader expects. Nothing in the file is believed beyond what it holds: a length is
 * checked against the bytes that remain before anything is allocated, so a corrupt checkpoint
 * costs at most its own size in memory. Every problem is an {@link InvalidInputException} naming
 * the checkpoint file and the field.
 */
public final class StateReader {
    /** The longest field name, in UTF-8 bytes. */
    static final int MAX_NAME = 256;

    private final Path file;
    private final ByteBuffer in;

    StateReader(Path file, ByteBuffer payload) {
        this.file = file;
        this.in = payload.slice().order(ByteOrder.BIG_ENDIAN);
    }

    /** The checkpoint file, for messages. */
    public Path file() {
        return file;
    }

    /** A problem with the checkpoint, as the user sees it: the file, then {@code problem}. */
    public InvalidInputException invalid(String problem) {
        return new InvalidInputException(file, "not a usable checkpoint: " + problem);
    }

    private void expect(FieldType type, String name) throws InvalidInputException {
        try {
            int at = in.position();
            FieldType found = FieldType.ofTag(in.get());
            int length = Short.toUnsignedInt(in.getShort());
            if (length == 0 || length > MAX_NAME || length > in.remaining()) {
                throw invalid("field name of " + length + " bytes at byte " + at + " of the payload, where '"
                        + name + "' was expected");
            }
            byte[] n = new byte[length];
            in.get(n);
            String foundName = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(n)).toString();
            if (!foundName.equals(name) || found != type) {
                throw invalid("expected the " + type.label() + " field '" + name + "', found "
                        + (found == null ? "an unknown field type" : "the " + found.label() + " field") + " '"
                        + foundName + "' (written by another version or for another model?)");
            }
        } catch (BufferUnderflowException e) {
            throw truncated(name);
        } catch (CharacterCodingException e) {
            throw invalid("a field name that is not UTF-8 where '" + name + "' was expected");
        }
    }

    private InvalidInputException truncated(String name) {
        return invalid("it ends before the field '" + name + "'");
    }

    private int count(String name, int bytesEach) throws InvalidInputException {
        if (in.remaining() < Integer.BYTES) {
            throw truncated(name);
        }
        int n = in.getInt();
        if (n < 0 || (long) n * bytesEach > in.remaining()) {
            throw invalid("field '" + name + "' claims " + Integer.toUnsignedString(n) + " values, more than the "
                    + in.remaining() + " bytes that remain");
        }
        return n;
    }

    /** An int field. */
    public int readInt(String name) throws InvalidInputException {
        expect(FieldType.INT, name);
        if (in.remaining() < Integer.BYTES) {
            throw truncated(name);
        }
        return in.getInt();
    }

    /** An int field that must lie in {@code [min, max]}. */
    public int readInt(String name, int min, int max) throws InvalidInputException {
        int v = readInt(name);
        if (v < min || v > max) {
            throw invalid("field '" + name + "' is " + v + ", outside " + min + " to " + max);
        }
        return v;
    }

    /** A long field. */
    public long readLong(String name) throws InvalidInputException {
        expect(FieldType.LONG, name);
        if (in.remaining() < Long.BYTES) {
            throw truncated(name);
        }
        return in.getLong();
    }

    /** A long field that must lie in {@code [min, max]}. */
    public long readLong(String name, long min, long max) throws InvalidInputException {
        long v = readLong(name);
        if (v < min || v > max) {
            throw invalid("field '" + name + "' is " + v + ", outside " + min + " to " + max);
        }
        return v;
    }

    /** A double field. */
    public double readDouble(String name) throws InvalidInputException {
        expect(FieldType.DOUBLE, name);
        if (in.remaining() < Long.BYTES) {
            throw truncated(name);
        }
        return Double.longBitsToDouble(in.getLong());
    }

    /** A text field. */
    public String readText(String name) throws InvalidInputException {
        expect(FieldType.TEXT, name);
        byte[] b = new byte[count(name, 1)];
        in.get(b);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("field '" + name + "' is not UTF-8 text");
        }
    }

    /** An int array field of any length. */
    public int[] readInts(String name) throws InvalidInputException {
        expect(FieldType.INTS, name);
        int[] v = new int[count(name, Integer.BYTES)];
        in.asIntBuffer().get(v);
        in.position(in.position() + v.length * Integer.BYTES);
        return v;
    }

    /** An int array field of exactly {@code length} values. */
    public int[] readInts(String name, int length) throws InvalidInputException {
        int[] v = readInts(name);
        if (v.length != length) {
            throw invalid("field '" + name + "' holds " + v.length + " values, expected " + length);
        }
        return v;
    }

    /** An int array field of exactly {@code length} values, each in {@code [min, max]} (labels, tasks). */
    public int[] readInts(String name, int length, int min, int max) throws InvalidInputException {
        int[] v = readInts(name, length);
        for (int i = 0; i < v.length; i++) {
            if (v[i] < min || v[i] > max) {
                throw invalid("field '" + name + "' holds " + v[i] + " at " + i + ", outside " + min + " to " + max);
            }
        }
        return v;
    }

    /** A float array field of any length. */
    public float[] readFloats(String name) throws InvalidInputException {
        expect(FieldType.FLOATS, name);
        float[] v = new float[count(name, Float.BYTES)];
        in.asFloatBuffer().get(v);
        in.position(in.position() + v.length * Float.BYTES);
        return v;
    }

    /** A float array field of exactly {@code into.length} values, read into {@code into}. */
    public void readFloats(String name, float[] into) throws InvalidInputException {
        expect(FieldType.FLOATS, name);
        int n = count(name, Float.BYTES);
        if (n != into.length) {
            throw invalid("field '" + name + "' holds " + n + " values, expected " + into.length);
        }
        in.asFloatBuffer().get(into);
        in.position(in.position() + n * Float.BYTES);
    }

    /** A parameter vector's values, which must be of {@code p}'s size, into {@code p}. */
    public void readParameters(String name, Parameters p) throws InvalidInputException {
        readFloats(name, p.values());
    }

    /**
     * Rows {@code [from, from + n)} of {@code rows}, as {@link StateWriter#writeSparseRows} wrote
     * them: every index within the row's width and ascending, the counts adding up.
     */
    public void readSparseRows(String name, SparseRows rows, int from, int n) throws InvalidInputException {
        int[] counts = readInts(name + ".counts", n);
        int[] indices = readInts(name + ".indices");
        float[] values = readFloats(name + ".values");
        if (values.length != indices.length) {
            throw invalid("field '" + name + "' has " + indices.length + " indices and " + values.length + " values");
        }
        long total = 0;
        for (int c : counts) {
            if (c < 0 || c > rows.width()) {
                throw invalid("field '" + name + "' has a row of " + c + " non-zero inputs, of " + rows.width());
            }
            total += c;
        }
        if (total != indices.length) {
            throw invalid("field '" + name + "' counts " + total + " non-zero inputs but holds " + indices.length);
        }
        int at = 0;
        for (int r = 0; r < n; r++) {
            try {
                rows.setNonZeros(from + r, indices, values, at, counts[r]);
            } catch (IllegalArgumentException e) {
                throw invalid("field '" + name + "', row " + r + ": " + e.getMessage());
            }
            at += counts[r];
        }
    }

    /** Checks that every field has been read. */
    void end() throws InvalidInputException {
        if (in.hasRemaining()) {
            throw invalid(in.remaining() + " bytes after its last field");
        }
    }
}
