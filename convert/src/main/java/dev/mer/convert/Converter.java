package dev.mer.convert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.mer.dataset.progress.Progress;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>{@link TensorReader} streams the tensors; {@link EncodingDecision} is the uint8 decision with
 * its spill file; this class checks the request, hashes, writes the manifest and orchestrates.
 *
 * <p>The {@code .pt} file is thus read twice at most (hash, encode), in parallel, and never whole
 * into memory: memory is a few chunk buffers plus the labels (4 bytes a row) and the writer's
 * batch, whatever the file's size. The scratch file needs a quarter of the input's size on the
 * output's file system and is deleted on close. Failure at any point leaves nothing at the output
 * (the writer is atomic).
 */
public final class Converter {
    private Converter() {
    }

    /**
     * Converts {@code request.input()} to a task-set at {@code request.resolvedOutput()}.
     *
     * @param progress told the stages "reading" (hashing the file and encoding, testing, every float32
     *     value as k/255) and "writing" (the task-set), in bytes, at most every few megabytes
     * @throws InvalidInputException for anything wrong with the input, with one line saying what
     * @throws FileAlreadyExistsException if the output exists and {@code force} is off
     */
    public static ConvertReport convert(ConvertRequest request, BufferAllocator allocator, Progress progress)
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
        try (FileChannel ch = FileChannel.open(input, StandardOpenOption.READ);
             FileWindows windows = new FileWindows(ch, input)) {
            TensorReader reader = new TensorReader(file, windows);
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

            boolean encodes = request.encoding() != EncodingChoice.FLOAT32 && reader.floatBytes(bench) > 0;
            try (InputHash hash = new InputHash(input);
                 FileChannel spill = encodes ? EncodingDecision.openSpill(output) : null) {
                // "reading": as far as the slower of the hash and the encoding, in bytes of the file
                long size = file.size();
                double encodedScale = encodes ? (double) size / reader.floatBytes(bench) : 0;
                progress.stage("reading");
                LongConsumer reading = encoded -> progress.update(
                        encodes ? Math.min(hash.hashed(), (long) (encoded * encodedScale)) : hash.hashed(), size, "");
                EncodingDecision decision = EncodingDecision.decide(request.encoding(), bench, reader, spill, reading);
                String sha256 = hash.await(() -> reading.accept(reader.floatBytes(bench)));
                progress.update(size, size, "");

                // "writing": uint8 from float32 comes from the spill file, everything else from the file
                FileChannel encoded = decision.encoding() == XEncoding.UINT8 ? spill : null;
                Manifest train = manifest(request, file, bench, nClasses, decision, sha256);
                Manifest test = train.forSplit(Split.TEST, bench.test().stream().mapToLong(TaskTensors::rows)
                        .toArray());
                long xBytes = reader.xBytes(bench);
                long[] done = {0};
                progress.stage("writing");
                try (TaskSetWriter writer = TaskSetWriter.create(output, train, test, allocator, request.force())) {
                    try (SplitWriter w = writer.split(Split.TRAIN)) {
                        reader.write(bench.train(), trainLabels, decision.encoding(), encoded, w, "train",
                                n -> progress.update(done[0] += n, xBytes, ""));
                        w.finish();
                    }
                    try (SplitWriter w = writer.split(Split.TEST)) {
                        reader.write(bench.test(), testLabels, decision.encoding(), encoded, w, "test",
                                n -> progress.update(done[0] += n, xBytes, ""));
                        w.finish();
                    }
                    writer.commit();
                }
                long trainRows = bench.train().stream().mapToLong(TaskTensors::rows).sum();
                long testRows = bench.test().stream().mapToLong(TaskTensors::rows).sum();
                return new ConvertReport(output, file.format(), decision.encoding(), decision.reason(),
                        bench.train().size(), trainRows, testRows, nClasses, file.size(), sha256,
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static Manifest manifest(ConvertRequest request, TorchFile file, TorchBenchmark bench, int nClasses,
                                     EncodingDecision decision, String sha256) {
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
}
