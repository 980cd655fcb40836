package dev.mer.convert;

import dev.mer.convert.torch.DType;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.XEncoding;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;

/**
 * The encoding a conversion stores and why: uint8 when every input value is exactly {@code k/255}
 * (lossless, a quarter of float32's size), else float32, as {@link EncodingChoice} allows. The
 * test and the encoding are one read of the file: every float32 input is encoded as a byte
 * {@code k} into a spill file ({@link #openSpill}) while testing, so that uint8 is then written
 * from the spill file without reading the inputs again.
 *
 * @param encoding what the task-set stores
 * @param reason why, in one line (the manifest's {@code encoding_reason}, {@code mer convert}'s output)
 * @param encoded the float bytes the k/255 pass read
 */
record EncodingDecision(XEncoding encoding, String reason, long encoded) {
    EncodingDecision {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(reason, "reason");
        if (encoded < 0) {
            throw new IllegalArgumentException("Invalid count of encoded bytes: " + encoded);
        }
    }

    /**
     * Decides, encoding into {@code spill} (null when there is nothing to encode, or float32 was
     * asked for) and reporting the float bytes read so far to {@code encodedSoFar}.
     *
     * @throws InvalidInputException if uint8 was asked for and a value is not exactly k/255
     */
    static EncodingDecision decide(EncodingChoice choice, TorchBenchmark bench, TensorReader reader, FileChannel spill,
                                   LongConsumer encodedSoFar) throws IOException {
        if (choice == EncodingChoice.FLOAT32) {
            return new EncodingDecision(XEncoding.FLOAT32, "float32 requested", 0);
        }
        TensorReader.Inexact inexact = spill == null ? null : reader.encodeFloats(bench, spill, encodedSoFar);
        String auto = choice == EncodingChoice.AUTO ? "auto: " : "";
        if (inexact == null) {
            boolean anyFloat = bench.train().stream().anyMatch(t -> t.x().dtype() == DType.FLOAT32);
            return new EncodingDecision(XEncoding.UINT8, auto + (anyFloat
                    ? "every input value is exactly k/255, stored as uint8 (lossless, 4x smaller than float32)"
                    : "the inputs are uint8 bytes k, stored as is (read back as k/255)"), reader.floatBytes(bench));
        }
        if (choice == EncodingChoice.UINT8) {
            throw new InvalidInputException(reader.file().path(), "--encoding uint8 is impossible: " + inexact
                    + " (use --encoding float32 or auto)");
        }
        return new EncodingDecision(XEncoding.FLOAT32, auto + inexact + ", so float32 is kept", inexact.encoded());
    }

    /**
     * The spill file of the float32 inputs encoded as bytes: hidden beside the output, deleted on
     * close. It lets the exact k/255 test and the conversion happen in one read of the file while
     * the SHA-256, which the manifest needs before the task-set's first byte, is computed alongside.
     */
    static FileChannel openSpill(Path output) throws IOException {
        Path parent = output.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        Path spill = parent.resolve("." + output.getFileName() + ".uint8-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
        return FileChannel.open(spill, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
    }
}
