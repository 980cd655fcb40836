package dev.mer.experiment.grid;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mer.dataset.FuzzInvariant;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target (docs/fuzzing.md): a grid TSV, mutated, as {@code mer suite --grid FILE} reads it:
 * the header, every row's model, dataset, memories and main.py arguments with their checks, and the
 * grid written back as text.
 */
class GridFuzzTest {
    @FuzzTest
    void aGridFileIsReadOrRefusedNamingTheFile(byte[] data) throws Exception {
        Path sandbox = FuzzInvariant.sandbox("mer-fuzz-grid");
        try {
            Path file = Files.write(sandbox.resolve("grid.tsv"), data);
            FuzzInvariant.check(data.length, 4096, () -> Grid.read(file).toText());
        } finally {
            FuzzInvariant.delete(sandbox);
        }
    }
}
