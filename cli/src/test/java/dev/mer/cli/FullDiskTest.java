package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.TestEnvironment;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk is one line naming the destination and the space it needs, exit code 1, and nothing
 * at the destination; on a real small file system, given by {@code MER_TEST_SMALL_FS} (a directory
 * on a file system of a few megabytes: {@code mount -t tmpfs -o size=4m tmpfs DIR}, which
 * {@code .ci/run} does).
 */
class FullDiskTest {
    @TempDir
    Path tmp;
    Path fs;

    @BeforeEach
    void smallFileSystem() throws IOException {
        String dir = System.getenv("MER_TEST_SMALL_FS");
        TestEnvironment.assume(dir != null && Files.isDirectory(Path.of(dir)),
                "a small file system: mount -t tmpfs -o size=4m tmpfs DIR and set MER_TEST_SMALL_FS=DIR");
        fs = Files.createTempDirectory(Path.of(dir), "full-disk");
    }

    @AfterEach
    void empty() throws IOException {
        if (fs != null) {
            try (Stream<Path> s = Files.walk(fs)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void assertOneLineNaming(CliRun run, Path destination, String... words) {
        assertEquals(1, run.exitCode(), run.err());
        String err = run.err().replace("\r", "").strip();
        List<String> lines = err.lines().filter(l -> l.startsWith("mer: ")).toList();
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).startsWith("mer: " + destination), lines.get(0));
        for (String w : words) {
            assertTrue(lines.get(0).contains(w), lines.get(0));
        }
    }

    @Test
    void aTaskSetThatCannotFitIsRefusedBeforeWritingNamingTheSpaceItNeeds() throws IOException {
        Path out = fs.resolve("rotations");
        CliRun run = CliRun.of("generate", "--rotations", "3", "--source", "sample", "--out", out.toString(),
                "--no-progress");
        assertOneLineNaming(run, out, "not enough disk space", "needs", "free there");
        try (Stream<Path> s = Files.list(fs)) {
            assertEquals(List.of(), s.toList(), "nothing left on the small file system");
        }
    }

    @Test
    void resultFilesThatFillTheDiskAreOneLineNamingTheFileAndNothingHalfWritten() throws IOException {
        Path data = tmp.resolve("rotations");
        CliRun generated = CliRun.of("generate", "--rotations", "2", "--source", "sample", "--train-per-task", "50",
                "--test-per-task", "50", "--out", data.toString(), "--no-progress");
        assertEquals(0, generated.exitCode(), generated.err());
        Path results = fs.resolve("results");
        Files.createDirectories(results);
        fill(fs, 4096); // room for the small text file, not for the .pt of 360 KB of weights
        CliRun run = CliRun.of("train", "--data", data.toString(), "--model", "online", "--samples_per_task", "10",
                "--save_path", results.toString());
        assertEquals(1, run.exitCode(), run.err());
        String line = run.err().lines().filter(l -> l.startsWith("mer: ")).findFirst().orElse("");
        assertTrue(line.startsWith("mer: " + results + "/"), line);
        assertTrue(line.contains("the disk is full") && line.contains("free there now"), line);
        try (Stream<Path> s = Files.list(results)) {
            for (Path f : s.toList()) {
                assertFalse(f.getFileName().toString().startsWith("."), "a temporary left behind: " + f);
                assertFalse(f.toString().endsWith(".pt") || f.toString().endsWith(".json"),
                        "a result file at its final path although the disk filled: " + f);
            }
        }
    }

    /** Fills {@code dir}'s file system but for about {@code leave} bytes. */
    private static void fill(Path dir, long leave) throws IOException {
        FileStore store = Files.getFileStore(dir);
        long size = store.getUsableSpace() - leave;
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("filler").toFile(), "rw")) {
            byte[] block = new byte[1 << 16];
            for (long written = 0; written < size; ) {
                int n = (int) Math.min(block.length, size - written);
                f.write(block, 0, n);
                written += n;
            }
        }
    }
}
