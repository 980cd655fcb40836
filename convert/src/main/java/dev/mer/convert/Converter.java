package dev.mer.convert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.convert.torch.DType;
import dev.mer.convert.torch.Tensor;
import dev.mer.convert.torch.TorchFile;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.Manifest;
import dev.mer.dataset.MerVersion;
import dev.mer.dataset.Provenance;
import dev.mer.dataset.SourceFile;
import dev.mer.dataset.Split;
import dev.mer.dataset.SplitWriter;
import dev.mer.dataset.TaskInfo;
import dev.mer.dataset.TaskSetWriter;
import dev.mer.dataset.XEncoding;
import dev.mer.dataset.files.Digests;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Converts a {@code .pt} benchmark file to a task-set, streaming:
 *
 * <ol>
 *   <li>parse the pickles (small), validate the structure ({@link TorchBenchmark}) and read the
 *       labels;</li>
 *   <li>"reading": on one thread, hash the whole file (the manifest, hence the task-set's first
 *       bytes, needs its SHA-256); on the other, unless float32 was asked for, encode every float32
 *       input as a byte {@code k} into a scratch file beside the output while testing that it is
 *       exactly {@code k/255} (the {@code auto} decision; it stops at the first value that is not);</li>
 *   <li>"writing": append each task's rows to the task-set writer in chunks of a few megabytes —
 *       from the scratch file when storing uint8 from float32 (a quarter of the input's size),
 *       else straight from the {@code .pt} file.</li>
 * </ol>
 *
 * <p>The {@code .pt} file is thus read twice at most (hash, encode), in parallel, and never whole
 * into memory: memory is a few chunk buffers plus the labels (4 bytes a row) and the writer's
 * batch, whatever the file's size. The scratch file needs a quarter of the input's size on the
 * output's file system and is deleted on close. Failure at any point leaves nothing at the output
 * (the writer is atomic).
 */
public final class Converter {
    /** Bytes read from the file at a time. */
    static final int CHUNK_BYTES = 8 << 20;
    /** Labels at or above this are taken as corruption rather than a class count. */
    static final long MAX_LABEL = 1 << 20;

    private Converter() {
    }

    /**
     * Converts {@code request.input()} to a task-set at {@code request.resolvedOutput()}.
     *
     * @throws InvalidInputException for anything wrong with the input, with one line saying what
     * @throws FileAlreadyExistsException if the output exists and {@code force} is off
     */
    public static ConvertReport convert(ConvertRequest request, BufferAllocator allocator, ConvertProgress progress)
            throws IOException {
        long start = System.nanoTime();
        Path input = request.input();
        if (!Files.exists(input)) {
            throw new NoSuchFileException(input.toString());
        }
        if (!Files.isRegularFile(input)) {
            throw new InvalidInputException(input, "not a regular file");
        }
        Path output = request.resolvedOutput().toAbsolutePath().normalize();
        if (input.toAbsolutePath().normalize().startsWith(output)) {
            throw new InvalidInputException(output, "the output would replace the input " + input);
        }
        if (Files.exists(output) && !request.force()) {
            throw new FileAlreadyExistsException(output.toString(), null, "already exists (use --force to replace it)");
        }
        TorchFile file = TorchFile.read(input);
        TorchBenchmark bench = TorchBenchmark.of(file);
        ExecutorService hasher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mer-convert-sha256");
            t.setDaemon(true);
            return t;
        });
        try (FileChannel ch = FileChannel.open(input, StandardOpenOption.READ);
             FileWindows windows = new FileWindows(ch, input)) {
            Reader reader = new Reader(file, windows);
            Map<Tensor, int[]> labelCache = new HashMap<>();
            int[][] trainLabels = reader.labels(bench.train(), "train", labelCache);
            int[][] testLabels = reader.labels(bench.test(), "test", labelCache);
            int maxLabel = -1;
            for (int[] y : labelCache.values()) {
                for (int v : y) {
                    maxLabel = Math.max(maxLabel, v);
                }
            }
            int nClasses = Math.max(1, maxLabel + 1);

            AtomicLong hashed = new AtomicLong();
            Future<String> sha = hasher.submit(() -> sha256(input, hashed));
            boolean encodes = request.encoding() != EncodingChoice.FLOAT32 && reader.floatBytes(bench) > 0;
            long size = file.size();
            double encodedScale = encodes ? (double) size / reader.floatBytes(bench) : 0;
            // The phase is as far as the slower of its two threads, in bytes of the file.
            LongConsumer reading = encoded -> progress.update("reading",
                    encodes ? Math.min(hashed.get(), (long) (encoded * encodedScale)) : hashed.get(), size);
            try (FileChannel spill = encodes ? openSpill(output) : null) {
                Decision decision = decide(request.encoding(), bench, reader, spill, reading);
                String sha256 = await(sha, () -> reading.accept(reader.floatBytes(bench)));
                progress.update("reading", size, size);
                FileChannel encoded = decision.encoding() == XEncoding.UINT8 ? spill : null;

                Manifest train = manifest(request, file, bench, nClasses, decision, sha256);
                Manifest test = train.forSplit(Split.TEST, bench.test().stream().mapToLong(TaskTensors::rows)
                        .toArray());
                long xBytes = reader.xBytes(bench);
                long[] done = {0};
                try (TaskSetWriter writer = TaskSetWriter.create(output, train, test, allocator, request.force())) {
                    try (SplitWriter w = writer.split(Split.TRAIN)) {
                        reader.write(bench.train(), trainLabels, decision.encoding(), encoded, w, "train",
                                n -> progress.update("writing", done[0] += n, xBytes));
                        w.finish();
                    }
                    try (SplitWriter w = writer.split(Split.TEST)) {
                        reader.write(bench.test(), testLabels, decision.encoding(), encoded, w, "test",
                                n -> progress.update("writing", done[0] += n, xBytes));
                        w.finish();
                    }
                    writer.commit();
                }
                long trainRows = bench.train().stream().mapToLong(TaskTensors::rows).sum();
                long testRows = bench.test().stream().mapToLong(TaskTensors::rows).sum();
                return new ConvertReport(output.toAbsolutePath().normalize(), file.format(), decision.encoding(),
                        decision.reason(), bench.train().size(), trainRows, testRows, nClasses, file.size(), sha256,
                        (System.nanoTime() - start) / 1e9);
            }
        } finally {
            hasher.shutdownNow();
        }
    }
    private static Manifest manifest(ConvertRequest request, TorchFile file, TorchBenchmark bench, int nClasses,
                                     Decision decision, String sha256) {
        List<TaskInfo> tasks = new ArrayList<>();
        for (int t = 0; t < bench.train().size(); t++) {
            tasks.add(bench.taskInfo(t, bench.train().get(t).rows()));
        }
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        settings.put("torch_format", file.format().label());
        settings.put("form", bench.raw() ? "raw (x, y)" : "[tasks_tr, tasks_te]");
        settings.put("encoding_requested", request.encoding().label());
        settings.put("encoding", decision.encoding().jsonName());
        settings.put("encoding_reason", decision.reason());
        settings.put("n_classes_rule", "largest label + 1");
        Provenance provenance = new Provenance("mer convert", request.arguments(),
                List.of(new SourceFile(file.path().getFileName().toString(), file.size(), sha256)), settings,
                MerVersion.get());
        return new Manifest(Manifest.FORMAT_VERSION, Split.TRAIN, bench.shape(), nClasses, decision.encoding(),
                tasks, provenance);
    }

    /**
     * The scratch file of the float32 inputs encoded as bytes: hidden beside the output, deleted on
     * close. It lets the exact k/255 test and the conversion happen in one read of the file while
     * the SHA-256, which the manifest needs before the task-set's first byte, is computed alongside.
     */
    private static FileChannel openSpill(Path output) throws IOException {
        Path parent = output.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        Path spill = parent.resolve("." + output.getFileName() + ".uint8-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
        return FileChannel.open(spill, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
    }

    /** The encoding to store and why; {@code encoded} counts the float bytes the k/255 pass read. */
    private record Decision(XEncoding encoding, String reason, long encoded) {
    }

    private static Decision decide(EncodingChoice choice, TorchBenchmark bench, Reader reader, FileChannel spill,
                                   LongConsumer encodedSoFar) throws IOException {
        if (choice == EncodingChoice.FLOAT32) {
            return new Decision(XEncoding.FLOAT32, "float32 requested", 0);
        }
        Reader.Inexact inexact = spill == null ? null : reader.encodeFloats(bench, spill, encodedSoFar);
        String auto = choice == EncodingChoice.AUTO ? "auto: " : "";
        if (inexact == null) {
            boolean anyFloat = bench.train().stream().anyMatch(t -> t.x().dtype() == DType.FLOAT32);
            return new Decision(XEncoding.UINT8, auto + (anyFloat
                    ? "every input value is exactly k/255, stored as uint8 (lossless, 4x smaller than float32)"
                    : "the inputs are uint8 bytes k, stored as is (read back as k/255)"), reader.floatBytes(bench));
        }
        if (choice == EncodingChoice.UINT8) {
            throw new InvalidInputException(reader.file.path(), "--encoding uint8 is impossible: " + inexact
                    + " (use --encoding float32 or auto)");
        }
        return new Decision(XEncoding.FLOAT32, auto + inexact + ", so float32 is kept", inexact.encoded());
    }

    private static <T> T await(Future<T> future, Runnable tick) throws IOException {
        while (true) {
            try {
                return future.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                tick.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    static String sha256(Path file, AtomicLong done) throws IOException {
        MessageDigest md = Digests.sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             FileWindows windows = new FileWindows(ch, file)) {
            long size = ch.size();
            for (long at = 0; at < size; at += FileWindows.WINDOW) {
                if (Thread.interrupted()) {
                    throw new InterruptedIOException("hashing abandoned");
                }
                md.update(windows.slice(at, (int) Math.min(FileWindows.WINDOW, size - at)));
                done.set(Math.min(size, at + FileWindows.WINDOW));
            }
        }
        return Digests.hex(md);
    }

    /** Streams tensors' bytes out of the file in chunks. */
    private static final class Reader {
        final TorchFile file;
        final FileWindows windows;
        private byte[] bytes;
        private float[] floats;

        Reader(TorchFile file, FileWindows windows) {
            this.file = file;
            this.windows = windows;
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
}
