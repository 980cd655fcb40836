package dev.mer.convert.torch;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mer.dataset.FuzzInvariant;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Fuzz target (docs/fuzzing.md): the zip central directory of a torch.save zip file, mutated, as
 * {@link TorchFile#read} reads it first: every entry's name, sizes and data offset, ZIP64 included.
 * Beyond the common invariant, each entry it returns lies within the file.
 */
class ZipDirectoryFuzzTest {
    @FuzzTest
    void aZipDirectoryIsReadOrRefusedNamingTheFile(byte[] data) throws Exception {
        Path sandbox = FuzzInvariant.sandbox("mer-fuzz-zip");
        try {
            Path file = Files.write(sandbox.resolve("in.pt"), data);
            FuzzInvariant.check(data.length, 64, () -> {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    Map<String, ZipDirectory.Entry> entries = ZipDirectory.read(ch, file);
                    for (ZipDirectory.Entry e : entries.values()) {
                        if (e.dataOffset() < 0 || e.compressedSize() < 0
                                || e.dataOffset() + e.compressedSize() > data.length) {
                            throw new AssertionError("entry " + e + " lies outside the file of " + data.length);
                        }
                    }
                }
            });
        } finally {
            FuzzInvariant.delete(sandbox);
        }
    }
}
