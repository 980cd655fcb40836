package dev.mer.generate.idx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mer.dataset.FuzzInvariant;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;

/**
 * Fuzz targets (docs/fuzzing.md): an MNIST-format IDX file, mutated, as {@code mer generate
 * --source DIR} reads each of its four files: raw, and gzip'd (the reader tells them apart by the
 * gzip magic; the two targets start from seeds of each kind, so that the mutations of the second
 * reach the IDX header through the gzip stream). A header's dimensions claiming gigabytes are not
 * believed: what the reader allocates stays proportional to the bytes it is given.
 */
class IdxReaderFuzzTest {
    private static final Path FILE = Path.of("train-images-idx3-ubyte");

    /** Decompressed bytes an input of n bytes may stand for: gzip's best ratio, about 1032:1. */
    private static final long GZIP_RATIO = 1032;

    @FuzzTest
    void aRawIdxFileIsReadOrRefusedNamingTheFile(byte[] data) {
        FuzzInvariant.check(data.length, 64,
                () -> IdxReader.read(new ByteArrayInputStream(data), FILE).toString());
    }

    @FuzzTest
    void aGzippedIdxFileIsReadOrRefusedNamingTheFile(byte[] data) {
        FuzzInvariant.check(data.length, 64 * GZIP_RATIO,
                () -> IdxReader.read(new ByteArrayInputStream(data), Path.of(FILE + ".gz")).toString());
    }
}
