package dev.mer.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * The rows of one task in one split, viewed in place in the mapped file: no row objects, no copy
 * until a row is asked for. Valid until its {@link TaskSetFile} is closed: a read after that throws
 * {@link IllegalStateException} instead of touching unmapped memory (a read racing with the close
 * itself is not caught: close the file once its readers are done). Thread-safe (read-only).
 *
 * <p>Reading decodes the uint8 encoding as {@code (float) k / 255f}, bit for bit the value that
 * torchvision's {@code ToTensor} gives and that the MER and GEM {@code .pt} files hold.
 */
public final class TaskRows {
    private static final float[] UINT8_TO_FLOAT = new float[256];

    static {
        for (int k = 0; k < 256; k++) {
            UINT8_TO_FLOAT[k] = (float) k / 255f;
        }
    }

    /**
     * A contiguous run of rows in one record batch, with the raw addresses of its columns. Package
     * private: a raw address misused outside this package would crash the JVM rather than throw;
     * {@link #inputsInPlace()} is the bounds-checked view others get.
     *
     * @param firstRow the task-relative index of the run's first row
     * @param rows the number of rows
     * @param xAddress address of the first row's inputs ({@code rows × nInputs} values, row-major)
     * @param yAddress address of the first row's label ({@code rows} little-endian int32)
     */
    record Block(int firstRow, int rows, long xAddress, long yAddress) {
        Block {
            if (firstRow < 0 || rows < 0) {
                throw new IllegalArgumentException("block of " + rows + " rows from row " + firstRow);
            }
        }
    }

    private final TaskSetFile file;
    private final int task;
    private final int nInputs;
    private final XEncoding encoding;
    private final int rows;
    private final Block[] blocks;
    private final int[] starts;

    TaskRows(TaskSetFile file, int task, int nInputs, XEncoding encoding, int rows, Block[] blocks) {
        this.file = file;
        this.task = task;
        this.nInputs = nInputs;
        this.encoding = encoding;
        this.rows = rows;
        this.blocks = blocks;
        this.starts = Arrays.stream(blocks).mapToInt(Block::firstRow).toArray();
    }

    /** The task index. */
    public int task() {
        return task;
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** Values per row. */
    public int nInputs() {
        return nInputs;
    }

    /** How the inputs are stored. */
    public XEncoding encoding() {
        return encoding;
    }

    /**
     * The task's float32 inputs where they lie in the mapped file, without a copy: a read-only,
     * little-endian direct buffer of {@code rows × nInputs} values, row-major, for wrapping as a
     * matrix (e.g. an ND4J buffer over the buffer's address). Empty unless the task is stored as
     * float32 in one record batch and its inputs fit one buffer (under 2 GiB). The buffer views the
     * mapping: valid until the file is closed, and like any direct buffer not checked after that.
     *
     * @throws IllegalStateException if the file is closed
     */
    public Optional<ByteBuffer> inputsInPlace() {
        file.checkOpen(task);
        long bytes = (long) rows * nInputs * Float.BYTES;
        if (encoding != XEncoding.FLOAT32 || blocks.length != 1 || bytes > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        ByteBuffer view = MemoryUtil.directBuffer(blocks[0].xAddress(), (int) bytes);
        return Optional.of(view.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** The number of record batches the task's rows lie in (for the format's tests). */
    int blockCount() {
        return blocks.length;
    }

    private Block blockOf(int row) {
        // One volatile read: this is on the hot path of every row decoded.
        file.checkOpen(task);
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of task " + task + " (" + rows + " rows)");
        }
        if (blocks.length == 1) {
            return blocks[0];
        }
        int i = Arrays.binarySearch(starts, row);
        return blocks[i >= 0 ? i : -i - 2];
    }

    /** The label of {@code row}. */
    public int label(int row) {
        Block b = blockOf(row);
        return MemoryUtil.getInt(b.yAddress() + 4L * (row - b.firstRow()));
    }

    /** Copies the inputs of {@code row} into {@code dst[offset .. offset + nInputs)} as floats. */
    public void copyRow(int row, float[] dst, int offset) {
        if (offset < 0 || offset + nInputs > dst.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " of " + dst.length);
        }
        Block b = blockOf(row);
        long address = b.xAddress() + (long) (row - b.firstRow()) * nInputs * encoding.bytesPerValue();
        if (encoding == XEncoding.UINT8) {
            for (int i = 0; i < nInputs; i++) {
                dst[offset + i] = UINT8_TO_FLOAT[MemoryUtil.getByte(address + i) & 0xff];
            }
        } else {
            for (int i = 0; i < nInputs; i++) {
                dst[offset + i] = Float.intBitsToFloat(MemoryUtil.getInt(address + 4L * i));
            }
        }
    }

    /**
     * Copies the stored bytes of {@code row} (uint8 encoding only) into {@code dst[offset .. offset +
     * nInputs)}.
     */
    public void copyRowBytes(int row, byte[] dst, int offset) {
        if (encoding != XEncoding.UINT8) {
            throw new IllegalStateException("task " + task + " is stored as " + encoding.jsonName() + ", not uint8");
        }
        if (offset < 0 || offset + nInputs > dst.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " of " + dst.length);
        }
        Block b = blockOf(row);
        MemoryUtil.copyFromMemory(b.xAddress() + (long) (row - b.firstRow()) * nInputs, dst, offset, nInputs);
    }

    /** Copies the labels of rows {@code [from, from + count)} into {@code dst[offset ..)}. */
    public void copyLabels(int from, int count, int[] dst, int offset) {
        for (int i = 0; i < count; i++) {
            dst[offset + i] = label(from + i);
        }
    }

    /** The float value that stored byte {@code k} stands for: {@code (float) k / 255f}. */
    public static float decode(int k) {
        return UINT8_TO_FLOAT[k & 0xff];
    }
}
