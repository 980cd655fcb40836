package dev.mer.dataset;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * The rows of one task in one split, viewed in place in the mapped file: no row objects, no copy
 * until a row is asked for. Valid until its {@link TaskSetFile} is closed. Thread-safe (read-only).
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
     * A contiguous run of rows in one record batch, with the raw addresses of its columns.
     *
     * @param firstRow the task-relative index of the run's first row
     * @param rows the number of rows
     * @param xAddress address of the first row's inputs ({@code rows × nInputs} values, row-major)
     * @param yAddress address of the first row's label ({@code rows} little-endian int32)
     */
    public record Block(int firstRow, int rows, long xAddress, long yAddress) {
    }

    private final int task;
    private final int nInputs;
    private final XEncoding encoding;
    private final int rows;
    private final Block[] blocks;
    private final int[] starts;

    TaskRows(int task, int nInputs, XEncoding encoding, int rows, Block[] blocks) {
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
     * The runs of rows as stored, for bulk access without a copy (e.g. wrapping as an ND4J buffer).
     * The addresses stay valid until the file is closed.
     */
    public List<Block> blocks() {
        return List.of(blocks);
    }

    private Block blockOf(int row) {
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
