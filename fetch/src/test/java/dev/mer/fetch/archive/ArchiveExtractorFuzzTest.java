package dev.mer.fetch.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mer.dataset.FuzzInvariant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzz target (docs/fuzzing.md): {@code mer fetch}'s extraction of a downloaded tar.gz, mutated,
 * under a size bound as a lock entry's {@code max_unpacked_size} gives it. Beyond the common
 * invariant: every file it writes lies below the destination, and all of them together hold no
 * more than the bound.
 */
class ArchiveExtractorFuzzTest {
    /** The bound the lock would give, small so that inputs reach it (a gzip bomb, a lying header). */
    private static final long MAX_UNPACKED = 256 << 10;

    @FuzzTest
    void anArchiveExtractsWithinItsBoundOrIsRefusedNamingTheFile(byte[] data) throws Exception {
        Path sandbox = FuzzInvariant.sandbox("mer-fuzz-tar");
        try {
            Path archive = Files.write(sandbox.resolve("in.tar.gz"), data);
            Path destination = sandbox.resolve("staging").resolve("out");
            FuzzInvariant.check(data.length, 64, () -> {
                List<Path> files = ArchiveExtractor.extract(archive, destination, MAX_UNPACKED);
                for (Path f : files) {
                    if (!f.toAbsolutePath().normalize().startsWith(destination.toAbsolutePath().normalize())) {
                        throw new AssertionError("extracted " + f + " outside " + destination);
                    }
                }
            });
            // Whether it succeeded or not, what it wrote is below the destination and within the bound.
            FuzzInvariant.onlyWithin(sandbox, archive, destination);
            if (Files.exists(destination)) {
                long written;
                try (Stream<Path> s = Files.walk(destination)) {
                    written = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
                }
                if (written > MAX_UNPACKED) {
                    throw new AssertionError("extracted " + written + " bytes, bound " + MAX_UNPACKED);
                }
            }
        } finally {
            FuzzInvariant.delete(sandbox);
        }
    }
}
