package dev.mer.dataset;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * Streams the rows of one split into an Arrow IPC file, one record batch at a time. Memory is
 * bounded by one batch, whatever the file's size. Rows arrive task by task in ascending task
 * order; every task must receive exactly the rows its manifest entry announces.
 *
 * <p>Obtained from {@link TaskSetWriter#split(Split)}; not thread-safe.
 */
public final class SplitWriter implements AutoCloseable {
    private final Path file;
    /** Where the file will be once the task-set is committed: what a full disk's message names. */
    private final Path destination;
    private final FileChannel channel;
    private final Manifest manifest;
    private final int nInputs;
    private final int rowBytes;
    private final int capacity;
    private final VectorSchemaRoot root;
    private final IntVector taskVector;
    private final FixedSizeListVector xVector;
    private final IntVector yVector;
    private final ArrowBuf xData;
    private final BufferAllocator allocator;
    private final BatchWriter writer;
    private final long[] written;
    private int currentTask = -1;
    private int batchRows;
    private boolean finished;
    private boolean closed;

    SplitWriter(Path file, Path destination, FileChannel channel, Manifest manifest, BufferAllocator allocator,
                long maxBatchBytes) throws IOException {
        this.file = file;
        this.destination = destination;
        this.channel = channel;
        this.manifest = manifest;
        this.nInputs = manifest.nInputs();
        this.rowBytes = nInputs * manifest.encoding().bytesPerValue();
        long maxRows = Math.max(1L, maxBatchBytes / rowBytes);
        long largestTask = manifest.tasks().stream().mapToLong(TaskInfo::rows).max().orElse(1);
        this.capacity = (int) Math.max(1, Math.min(Math.min(maxRows, largestTask), Integer.MAX_VALUE / rowBytes));
        this.written = new long[manifest.taskCount()];
        this.allocator = allocator;
        this.root = VectorSchemaRoot.create(TaskSetSchema.of(manifest), allocator);
        boolean ok = false;
        try {
            this.taskVector = (IntVector) root.getVector(TaskSetSchema.TASK);
            this.xVector = (FixedSizeListVector) root.getVector(TaskSetSchema.X);
            this.yVector = (IntVector) root.getVector(TaskSetSchema.Y);
            taskVector.allocateNew(capacity);
            yVector.allocateNew(capacity);
            xVector.setInitialCapacity(capacity);
            xVector.allocateNew();
            FieldVector item = xVector.getDataVector();
            this.xData = item.getDataBuffer();
            if (xData.capacity() < (long) capacity * rowBytes) {
                throw new IllegalStateException("x buffer too small: " + xData.capacity());
            }
            this.writer = new BatchWriter(root, channel);
            writer.start();
            ok = true;
        } finally {
            if (!ok) {
                root.close();
            }
        }
    }

    /** The temporary file being written. */
    public Path file() {
        return file;
    }

    /**
     * Appends {@code rows} rows of task {@code task} in uint8 encoding: row r's values are
     * {@code x[xOffset + r*nInputs ... +nInputs)}, its label {@code y[yOffset + r]}.
     */
    public void appendUint8(int task, byte[] x, int xOffset, int[] y, int yOffset, int rows) throws IOException {
        requireEncoding(XEncoding.UINT8);
        checkRange(x.length, xOffset, (long) rows * nInputs, y, yOffset, rows);
        int done = 0;
        while (done < rows) {
            int n = reserve(task, rows - done);
            xData.setBytes((long) batchRows * rowBytes, x, xOffset + done * nInputs, (long) n * nInputs);
            putRows(task, y, yOffset + done, n);
            done += n;
        }
    }

    /** Appends {@code rows} rows of task {@code task} in float32 encoding; layout as {@link #appendUint8}. */
    public void appendFloat32(int task, float[] x, int xOffset, int[] y, int yOffset, int rows) throws IOException {
        requireEncoding(XEncoding.FLOAT32);
        checkRange(x.length, xOffset, (long) rows * nInputs, y, yOffset, rows);
        int done = 0;
        while (done < rows) {
            int n = reserve(task, rows - done);
            xData.nioBuffer((long) batchRows * rowBytes, n * rowBytes).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().put(x, xOffset + done * nInputs, n * nInputs);
            putRows(task, y, yOffset + done, n);
            done += n;
        }
    }

    private void requireEncoding(XEncoding e) {
        if (manifest.encoding() != e) {
            throw new IllegalArgumentException("this split is " + manifest.encoding().jsonName() + ", not "
                    + e.jsonName());
        }
    }

    private static void checkRange(int xLength, long xOffset, long xCount, int[] y, int yOffset, int rows) {
        if (rows < 0 || xOffset < 0 || xOffset + xCount > xLength || yOffset < 0 || yOffset + rows > y.length) {
            throw new IndexOutOfBoundsException("rows " + rows + " at x offset " + xOffset + ", y offset " + yOffset);
        }
    }

    /** Makes room for up to {@code wanted} rows of {@code task} in the current batch; returns how many fit. */
    private int reserve(int task, int wanted) throws IOException {
        if (finished || closed) {
            throw new IllegalStateException("split already finished");
        }
        if (task < 0 || task >= written.length) {
            throw new IllegalArgumentException("task " + task + " is not in the manifest (" + written.length + " tasks)");
        }
        if (task < currentTask) {
            throw new IllegalStateException("tasks must be written in ascending order: task " + task
                    + " after task " + currentTask);
        }
        if (written[task] + wanted > manifest.tasks().get(task).rows()) {
            throw new IllegalStateException("task " + task + " gets more rows than its manifest's "
                    + manifest.tasks().get(task).rows());
        }
        if (task != currentTask) {
            flush();
            completeTasksBefore(task);
            currentTask = task;
        } else if (batchRows == capacity) {
            flush();
        }
        return Math.min(wanted, capacity - batchRows);
    }

    private void completeTasksBefore(int task) {
        for (int t = Math.max(0, currentTask); t < task; t++) {
            if (written[t] != manifest.tasks().get(t).rows()) {
                throw new IllegalStateException("task " + t + " got " + written[t] + " rows, its manifest says "
                        + manifest.tasks().get(t).rows());
            }
        }
    }

    private void putRows(int task, int[] y, int yOffset, int n) {
        ArrowBuf taskData = taskVector.getDataBuffer();
        ArrowBuf yData = yVector.getDataBuffer();
        int nClasses = manifest.nClasses();
        for (int i = 0; i < n; i++) {
            int label = y[yOffset + i];
            if (label < 0 || label >= nClasses) {
                throw new IllegalArgumentException("label " + label + " outside [0, " + nClasses + ") in task " + task);
            }
            taskData.setInt((long) (batchRows + i) * 4, task);
            yData.setInt((long) (batchRows + i) * 4, label);
        }
        batchRows += n;
        written[task] += n;
    }

    /**
     * Writes the batch being filled. No value is ever null, so the validity bitmaps are written
     * empty, as the IPC format allows when a column's null count is 0: uint8 inputs would
     * otherwise carry a 12.5% bitmap of ones.
     */
    private void flush() throws IOException {
        if (batchRows == 0) {
            return;
        }
        try {
            writeBatch();
        } catch (IOException e) {
            throw DiskSpace.explain(e, destination, TaskSetWriter.bytesOnDisk(manifest));
        }
    }

    private void writeBatch() throws IOException {
        long rows = batchRows;
        List<ArrowFieldNode> nodes = List.of(new ArrowFieldNode(rows, 0), new ArrowFieldNode(rows, 0),
                new ArrowFieldNode(rows * nInputs, 0), new ArrowFieldNode(rows, 0));
        ArrowBuf none = allocator.getEmpty();
        List<ArrowBuf> buffers = List.of(none, taskVector.getDataBuffer().slice(0, rows * 4), none, none,
                xData.slice(0, rows * rowBytes), none, yVector.getDataBuffer().slice(0, rows * 4));
        try (ArrowRecordBatch batch = new ArrowRecordBatch(batchRows, nodes, buffers)) {
            writer.write(batch);
        }
        batchRows = 0;
    }

    /** Writes the last batch and the footer and fsyncs the file; checks every task got its rows. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        flush();
        completeTasksBefore(written.length);
        try {
            writer.end();
            channel.force(true);
        } catch (IOException e) {
            throw DiskSpace.explain(e, destination, TaskSetWriter.bytesOnDisk(manifest));
        }
        finished = true;
        close();
    }

    boolean isFinished() {
        return finished;
    }

    /** Releases the batch buffers and closes the file; an unfinished file is left for the owner to delete. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // ArrowFileWriter.close() would write a footer; an unfinished file is discarded instead.
        try {
            root.close();
        } finally {
            channel.close();
        }
    }

    /** Arrow's file writer, taking record batches we assemble ourselves. */
    private static final class BatchWriter extends ArrowFileWriter {
        BatchWriter(VectorSchemaRoot root, WritableByteChannel out) {
            super(root, null, out);
        }

        void write(ArrowRecordBatch batch) throws IOException {
            writeRecordBatch(batch);
        }
    }
}
