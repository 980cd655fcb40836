package dev.mer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void writeReplacesTheFileWithWhatTheContentWroteAndLeavesNoTemporary() throws IOException {
        Path file = dir.resolve("a.bin");
        Files.writeString(file, "old");
        byte[] big = new byte[3 << 20];
        big[big.length - 1] = 7;
        AtomicFiles.write(file, out -> {
            out.write("new".getBytes(StandardCharsets.US_ASCII));
            out.write(big);
        });
        byte[] written = Files.readAllBytes(file);
        assertEquals(3 + big.length, written.length);
        assertEquals(7, written[written.length - 1]);
        assertEquals(List.of(file), listing());
    }

    @Test
    void aFailingWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path file = dir.resolve("a.bin");
        Files.writeString(file, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[100]);
            throw new IOException("disk on fire");
        }));
        assertEquals("disk on fire", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), listing());
    }
}
