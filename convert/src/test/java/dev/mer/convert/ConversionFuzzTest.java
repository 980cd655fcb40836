package dev.mer.convert;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mer.dataset.FuzzInvariant;
import dev.mer.dataset.progress.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Fuzz target (docs/fuzzing.md): {@code mer convert FILE.pt --out DIR} on a mutated {@code .pt}
 * file, whole: the pickle machine, the legacy and the zip torch.save formats (the seeds hold both),
 * the benchmark's layout, the hashing and encoding, the task-set written into a temporary
 * directory. The input converts or is refused naming the file, and nothing is left beside the
 * output but the input.
 */
class ConversionFuzzTest {
    /** Off-heap bytes the writer may allocate whatever the input: its batch buffers. */
    private static final long ARROW_BASE = 64L << 20;

    @FuzzTest
    void aPtFileConvertsOrIsRefusedNamingTheFile(byte[] data) throws Exception {
        Path sandbox = FuzzInvariant.sandbox("mer-fuzz-convert");
        try {
            Path input = Files.write(sandbox.resolve("in.pt"), data);
            Path output = sandbox.resolve("out");
            FuzzInvariant.check(data.length, 256, () -> {
                // The limit turns an off-heap allocation a size field asks for into a visible failure.
                try (BufferAllocator a = new RootAllocator(ARROW_BASE + 64L * data.length)) {
                    Converter.convert(new ConvertRequest(input, output, EncodingChoice.AUTO, false, List.of()), a,
                            Progress.NONE);
                }
            });
            FuzzInvariant.onlyWithin(sandbox, input, output);
        } finally {
            FuzzInvariant.delete(sandbox);
        }
    }
}
