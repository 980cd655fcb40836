package dev.mer.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFooter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One split of a task-set, memory-mapped. Opening reads the file's footer and the small metadata
 * header of each record batch, nothing else; a batch's body is mapped the first time one of its
 * rows is asked for, and a row read touches only that row's pages. Thread-safe.
 *
 * <p>Arrow Java's own {@code ArrowFileReader} copies every batch into memory; this reader follows
 * the IPC file format directly (footer, blocks, messages) and gives Arrow a view of the mapping.
 */
public final class TaskSetFile implements AutoCloseable {
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    /** Buffers per batch: task (validity, data), x (validity), x.item (validity, data), y (validity, data). */
    private static final int BUFFERS = 7;
    private static final int NODES = 4;

    private final Path path;
    private final FileChannel channel;
    /** Bounds of a schema worth converting: a task-set's is three columns, x a list of one child. */
    private static final int MAX_SCHEMA_DEPTH = 4;
    private static final int MAX_SCHEMA_FIELDS = 64;

    private final long size;
    private final BufferAllocator allocator;
    private final Manifest manifest;
    private final Schema schema;
    private final List<BatchLayout> layouts;
    private final ArrowBuf[] bodies;
    private final int[][] batchesOfTask;
    private final TaskRows[] tasks;
    /** Volatile: {@link TaskRows} reads it, unlocked, before each row it reads from the mapping. */
    private volatile boolean closed;

    private TaskSetFile(Path path, FileChannel channel, BufferAllocator allocator) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
        this.allocator = allocator;
        ArrowFooter footer = readFooter();
        this.schema = footer.getSchema();
        this.manifest = TaskSetSchema.validate(schema, path);
        this.layouts = new ArrayList<>(footer.getRecordBatches().size());
        long dataEnd = size - MAGIC.length - 4;
        for (ArrowBlock block : footer.getRecordBatches()) {
            layouts.add(readLayout(block, dataEnd));
        }
        this.bodies = new ArrowBuf[layouts.size()];
        this.batchesOfTask = assignBatches();
        this.tasks = new TaskRows[manifest.taskCount()];
    }

    /**
     * Opens one split file.
     *
     * @param allocator receives the mapped regions' accounting; close the file before it
     * @throws InvalidInputException if the file is missing, not Arrow IPC, truncated, corrupt, or not a task-set
     */
    public static TaskSetFile open(Path path, BufferAllocator allocator) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path, "no such file");
        }
        try {
            return new TaskSetFile(path, ch, allocator);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private ArrowFooter readFooter() throws IOException {
        long minimum = 8 + 4 + MAGIC.length;
        if (size < minimum) {
            throw new InvalidInputException(path, "not an Arrow IPC file: only " + size + " bytes");
        }
        ByteBuffer head = read(0, MAGIC.length);
        if (!head.equals(ByteBuffer.wrap(MAGIC))) {
            throw new InvalidInputException(path, "not an Arrow IPC file (no ARROW1 magic at the start)");
        }
        ByteBuffer tail = read(size - MAGIC.length - 4, MAGIC.length + 4);
        if (!tail.slice(4, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            throw new InvalidInputException(path, "truncated or corrupt Arrow IPC file (no ARROW1 magic at the end)");
        }
        int footerLength = tail.getInt(0);
        long footerStart = size - MAGIC.length - 4 - footerLength;
        if (footerLength <= 0 || footerStart < 8) {
            throw new InvalidInputException(path, "corrupt Arrow IPC file: footer length " + footerLength
                    + " in a file of " + size + " bytes");
        }
        ByteBuffer fb = read(footerStart, footerLength);
        try {
            Footer footer = Footer.getRootAsFooter(fb);
            checkNesting(footer.schema());
            return new ArrowFooter(footer);
        } catch (RuntimeException e) {
            throw new InvalidInputException(path, "corrupt Arrow IPC footer (" + e + ")");
        }
    }

    /**
     * Refuses a schema nested deeper, or holding more fields, than any task-set's could before Arrow
     * converts it: Arrow converts children recursively, and flatbuffer offsets that point back up
     * make a cycle, a StackOverflowError (issue 16's fuzzing finding).
     */
    private void checkNesting(org.apache.arrow.flatbuf.Schema schema) throws InvalidInputException {
        if (schema == null) {
            return;
        }
        int[] fieldsLeft = {MAX_SCHEMA_FIELDS};
        for (int i = 0; i < schema.fieldsLength(); i++) {
            checkNesting(schema.fields(i), 1, fieldsLeft);
        }
    }

    private void checkNesting(org.apache.arrow.flatbuf.Field field, int depth, int[] fieldsLeft)
            throws InvalidInputException {
        if (field == null) {
            return;
        }
        if (depth > MAX_SCHEMA_DEPTH || --fieldsLeft[0] < 0) {
            throw new InvalidInputException(path, "corrupt Arrow IPC footer: its schema nests deeper than "
                    + MAX_SCHEMA_DEPTH + " or holds more than " + MAX_SCHEMA_FIELDS + " fields (a task-set's has 4)");
        }
        for (int j = 0; j < field.childrenLength(); j++) {
            checkNesting(field.children(j), depth + 1, fieldsLeft);
        }
    }

    private BatchLayout readLayout(ArrowBlock block, long dataEnd) throws IOException {
        long bodyStart = block.getOffset() + block.getMetadataLength();
        // Compared by differences: a footer's offsets near 2^63 would overflow the sums (issue 16).
        if (block.getOffset() < 8 || block.getMetadataLength() < 8 || block.getBodyLength() < 0
                || block.getOffset() > dataEnd || block.getMetadataLength() > dataEnd - block.getOffset()
                || block.getBodyLength() > dataEnd - bodyStart) {
            throw new InvalidInputException(path, "corrupt Arrow IPC file: record batch block at " + block.getOffset()
                    + " lies outside the file (truncated?)");
        }
        ByteBuffer meta = read(block.getOffset(), block.getMetadataLength());
        int prefix = meta.getInt(0) == MessageSerializer.IPC_CONTINUATION_TOKEN ? 8 : 4;
        int length = meta.getInt(prefix - 4);
        if (length <= 0 || prefix + length > meta.capacity()) {
            throw new InvalidInputException(path, "corrupt record batch metadata at offset " + block.getOffset());
        }
        RecordBatch rb;
        try {
            Message message = Message.getRootAsMessage(meta.slice(prefix, length).order(ByteOrder.LITTLE_ENDIAN));
            if (message.headerType() != MessageHeader.RecordBatch) {
                throw new InvalidInputException(path, "block at offset " + block.getOffset() + " is not a record batch");
            }
            if (message.bodyLength() != block.getBodyLength()) {
                throw new InvalidInputException(path, "corrupt record batch at offset " + block.getOffset()
                        + ": body length " + message.bodyLength() + " differs from the footer's " + block.getBodyLength());
            }
            rb = (RecordBatch) message.header(new RecordBatch());
            return layoutOf(rb, block, bodyStart);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidInputException(path, "corrupt record batch metadata at offset " + block.getOffset()
                    + " (" + e + ")");
        }
    }

    private BatchLayout layoutOf(RecordBatch rb, ArrowBlock block, long bodyStart) throws InvalidInputException {
        String where = "record batch at offset " + block.getOffset();
        if (rb.compression() != null) {
            throw new InvalidInputException(path, where + " is compressed; mer reads uncompressed task-sets only");
        }
        if (rb.nodesLength() != NODES || rb.buffersLength() != BUFFERS) {
            throw new InvalidInputException(path, where + " has " + rb.nodesLength() + " columns and "
                    + rb.buffersLength() + " buffers, expected " + NODES + " and " + BUFFERS);
        }
        long rows = rb.length();
        if (rows < 0 || rows > Integer.MAX_VALUE) {
            throw new InvalidInputException(path, where + " has an invalid number of rows: " + rows);
        }
        int n = manifest.nInputs();
        long[] expectedLength = {rows, rows, rows * n, rows};
        for (int i = 0; i < NODES; i++) {
            FieldNode node = rb.nodes(i);
            if (node.length() != expectedLength[i]) {
                throw new InvalidInputException(path, where + ": column " + i + " has " + node.length()
                        + " values, expected " + expectedLength[i]);
            }
            if (node.nullCount() != 0) {
                throw new InvalidInputException(path, where + " has null values; task-sets have none");
            }
        }
        long[] offsets = new long[BUFFERS];
        for (int i = 0; i < BUFFERS; i++) {
            Buffer b = rb.buffers(i);
            // offset + length could overflow a long: compare without adding
            if (b.offset() < 0 || b.length() < 0 || b.length() > block.getBodyLength()
                    || b.offset() > block.getBodyLength() - b.length()) {
                throw new InvalidInputException(path, where + ": buffer " + i + " lies outside the batch body");
            }
            offsets[i] = b.offset();
        }
        long bpv = manifest.encoding().bytesPerValue();
        // rows < 2^31 and n < 2^31, so rows * n fits a long; times bytes per value may not
        long dataBytes = rows * n > Long.MAX_VALUE / bpv ? Long.MAX_VALUE : rows * n * bpv;
        if (rb.buffers(1).length() < rows * 4 || rb.buffers(4).length() < dataBytes
                || rb.buffers(6).length() < rows * 4) {
            throw new InvalidInputException(path, where + ": data buffers are shorter than its " + rows + " rows need");
        }
        return new BatchLayout(block, bodyStart, (int) rows, offsets[1], offsets[4], offsets[6]);
    }

    /** Matches batches to tasks by the manifest's row counts: task t owns the next batches summing to its rows. */
    private int[][] assignBatches() throws InvalidInputException {
        int[][] result = new int[manifest.taskCount()][];
        int b = 0;
        for (TaskInfo t : manifest.tasks()) {
            long need = t.rows();
            int first = b;
            while (need > 0) {
                if (b == layouts.size()) {
                    throw new InvalidInputException(path, "truncated task-set: task " + t.index() + " lacks "
                            + need + " of its " + t.rows() + " rows");
                }
                need -= layouts.get(b++).rows();
                if (need < 0) {
                    throw new InvalidInputException(path, "a record batch straddles tasks " + t.index() + " and "
                            + (t.index() + 1) + " (each batch must hold one task only)");
                }
            }
            result[t.index()] = new int[b - first];
            for (int i = first; i < b; i++) {
                result[t.index()][i - first] = i;
            }
            if (t.rows() > Integer.MAX_VALUE) {
                throw new InvalidInputException(path, "task " + t.index() + " has too many rows: " + t.rows());
            }
        }
        while (b < layouts.size() && layouts.get(b).rows() == 0) {
            b++;
        }
        if (b != layouts.size()) {
            throw new InvalidInputException(path, "the file holds " + (layouts.size() - b)
                    + " record batches beyond the manifest's tasks");
        }
        return result;
    }

    /**
     * {@code length} bytes at {@code position}, which must lie within the file: a length read from
     * the file is checked against its size before anything is allocated (issue 16's fuzzing
     * finding: a footer's metadata length of 2 GB was an OutOfMemoryError, one past the end an
     * EOFException).
     */
    private ByteBuffer read(long position, int length) throws IOException {
        if (position < 0 || length < 0 || position > size || length > size - position) {
            throw new InvalidInputException(path, "corrupt Arrow IPC file: " + length + " bytes at offset " + position
                    + " lie outside the file of " + size + " bytes (truncated?)");
        }
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                throw new InvalidInputException(path, "truncated while reading: " + length + " bytes at offset "
                        + position + " of a file of " + size + " bytes");
            }
        }
        return buf.flip();
    }

    /** The split's manifest. */
    public Manifest manifest() {
        return manifest;
    }

    /** The Arrow schema, manifest included. */
    public Schema schema() {
        return schema;
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** The file's size in bytes. */
    public long sizeOnDisk() {
        return size;
    }

    /** The number of record batches. */
    public int batchCount() {
        return layouts.size();
    }

    /** The rows of task {@code t}, a view valid until this file is closed. */
    public synchronized TaskRows task(int t) throws IOException {
        ensureOpen();
        if (t < 0 || t >= tasks.length) {
            throw new IndexOutOfBoundsException("task " + t + " of " + tasks.length);
        }
        if (tasks[t] == null) {
            int[] ids = batchesOfTask[t];
            TaskRows.Block[] blocks = new TaskRows.Block[ids.length];
            int first = 0;
            for (int i = 0; i < ids.length; i++) {
                BatchLayout l = layouts.get(ids[i]);
                long base = body(ids[i]).memoryAddress();
                blocks[i] = new TaskRows.Block(first, l.rows(), base + l.xOffset(), base + l.yOffset());
                checkTaskColumn(t, ids[i], base + l.taskOffset(), l.rows());
                first += l.rows();
            }
            tasks[t] = new TaskRows(this, t, manifest.nInputs(), manifest.encoding(), first, blocks);
        }
        return tasks[t];
    }

    /** The task column is redundant with the manifest; its first and last values are checked on mapping. */
    private void checkTaskColumn(int task, int batch, long taskColumn, int rows) throws InvalidInputException {
        if (rows == 0) {
            return;
        }
        int first = org.apache.arrow.memory.util.MemoryUtil.getInt(taskColumn);
        int last = org.apache.arrow.memory.util.MemoryUtil.getInt(taskColumn + 4L * (rows - 1));
        if (first != task || last != task) {
            throw new InvalidInputException(path, "record batch " + batch + " should hold task " + task
                    + " but its task column says " + first + ".." + last);
        }
    }

    private ArrowBuf body(int batch) throws IOException {
        if (bodies[batch] == null) {
            BatchLayout l = layouts.get(batch);
            bodies[batch] = MappedRegion.map(channel, l.bodyStart(), Math.max(1, l.block().getBodyLength()), allocator);
        }
        return bodies[batch];
    }

    /**
     * Loads record batch {@code batch} as Arrow vectors viewing the mapped file, for interoperation
     * with Arrow code. The caller closes the returned root. Row access through {@link #task(int)}
     * is cheaper: this builds validity bitmaps, as Arrow Java always does when loading.
     */
    public synchronized VectorSchemaRoot loadBatch(int batch) throws IOException {
        ensureOpen();
        BatchLayout l = layouts.get(batch);
        ByteBuffer meta = read(l.block().getOffset(), l.block().getMetadataLength());
        int prefix = meta.getInt(0) == MessageSerializer.IPC_CONTINUATION_TOKEN ? 8 : 4;
        Message message = Message.getRootAsMessage(meta.slice(prefix, meta.getInt(prefix - 4))
                .order(ByteOrder.LITTLE_ENDIAN));
        ArrowBuf body = body(batch);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        body.getReferenceManager().retain(); // deserializeRecordBatch releases one reference of the body
        ArrowRecordBatch rb;
        try {
            rb = MessageSerializer.deserializeRecordBatch(message, body);
        } catch (RuntimeException | IOException e) {
            // It releases the body only once it has sliced every buffer.
            body.getReferenceManager().release();
            root.close();
            throw corruptBatch(batch, e);
        }
        try (rb) {
            new VectorLoader(root).load(rb);
        } catch (RuntimeException e) {
            root.close();
            throw corruptBatch(batch, e);
        }
        return root;
    }

    /**
     * Arrow's own check of a batch's buffers and nodes, which the layout read on opening does not
     * repeat for the columns mer does not use (issue 16's fuzzing finding: a validity buffer's
     * offset of 2^62 was an IndexOutOfBoundsException and leaked the batch's mapping).
     */
    private InvalidInputException corruptBatch(int batch, Exception e) {
        return e instanceof InvalidInputException i ? i
                : new InvalidInputException(path, "corrupt record batch " + batch + " (" + e.getMessage() + ")", e);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(path + " is closed");
        }
    }

    /**
     * Refuses a read of task {@code task}'s rows once the file is closed, when its mapping is gone:
     * reading it would crash the JVM rather than throw. One volatile read, no lock.
     */
    void checkOpen(int task) {
        if (closed) {
            throw new IllegalStateException(path + ": task " + task + " read after the file was closed");
        }
    }

    /** Unmaps the file (once no Arrow vector from {@link #loadBatch} still views it) and closes it. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < bodies.length; i++) {
            if (bodies[i] != null) {
                bodies[i].close();
                bodies[i] = null;
            }
        }
        channel.close();
    }

    private record BatchLayout(ArrowBlock block, long bodyStart, int rows, long taskOffset, long xOffset,
                               long yOffset) {
    }
}
