package dev.mer.experiment.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.InvalidInputException;
import dev.mer.train.ResultFiles;
import dev.mer.train.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordTest {
    static RunResult result(String model, long seed, float[][] rows) {
        return ResultFixtures.result(model, "mnist_rotations", seed, rows, 12.5);
    }

    @Test
    void readsBackWhatTrainWroteWithTheSameMatrixAndMetrics(@TempDir Path dir) throws Exception {
        RunResult r = result("eralg4", 3, new float[][] {{0.9f, 0.1f}, {0.7f, 0.8f}});
        ResultFiles.write(r, dir, "run");
        RunRecord rec = RunRecord.read(dir.resolve("run.json"));
        assertEquals("eralg4", rec.model());
        assertEquals("mnist_rotations", rec.dataset());
        assertEquals(3, rec.seed());
        assertEquals(500, rec.memories().getAsInt());
        assertEquals(r.matrix().retainedAccuracy(), rec.ra(), 1e-7);
        assertEquals(r.matrix().learningAccuracy(), rec.la(), 1e-7);
        assertEquals(r.matrix().bti(), rec.bti(), 1e-7);
        assertEquals(r.matrix().gemText(), rec.matrix().gemText());
        assertEquals(12.5, rec.seconds());
        assertEquals(3, rec.log().size());
        assertArrayEquals(new float[] {0.7f, 0.8f}, rec.log().get(2).accuracies());
    }

    @Test
    void gemMemoryIsPerTaskMemoriesTimesTasksAndOnlineHasNone(@TempDir Path dir) throws Exception {
        ResultFiles.write(result("gem", 0, new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}}), dir, "gem");
        ResultFiles.write(result("online", 0, new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}}), dir, "online");
        assertEquals(512, RunRecord.read(dir.resolve("gem.json")).memories().getAsInt());
        assertTrue(RunRecord.read(dir.resolve("online.json")).memories().isEmpty());
    }

    @Test
    void readAllFindsResultFilesUnderADirectoryAndSkipsOtherJson(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        ResultFiles.write(result("online", 1, new float[][] {{0.5f}}), dir.resolve("a/b"), "r1");
        ResultFiles.write(result("online", 2, new float[][] {{0.5f}}), dir.resolve("a"), "r2");
        Files.writeString(dir.resolve("a/other.json"), "{\"x\": 1}");
        Files.writeString(dir.resolve("a/.r3.json.tmp"), "{");
        List<RunRecord> all = RunRecord.readAll(List.of(dir));
        assertEquals(List.of(1L, 2L), all.stream().map(RunRecord::seed).toList());
    }

    @Test
    void aFileThatIsNotAResultIsOneErrorNamingIt(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"arguments\": ");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunRecord.read(bad));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        Files.writeString(bad, "{\"x\": 1}");
        e = assertThrows(InvalidInputException.class, () -> RunRecord.read(bad));
        assertTrue(e.getMessage().contains("not a mer result file"), e.getMessage());
    }

    /**
     * Issue 16's fuzzing finding: Jackson took a file starting with zero bytes for UTF-32 and threw
     * a CharConversionException that named no file, from {@code mer report FILE} and from a
     * directory's scan alike.
     */
    @Test
    void aFileThatLooksLikeUtf32IsOneErrorNamingItAndIsSkippedInADirectory(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.write(bad, new byte[] {0, 0, 0, '{', 0, 0});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunRecord.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": not valid JSON"), e.getMessage());
        Files.write(bad, new byte[] {0, '*', 0, 0, 0, ' ', ':', (byte) 0xe5, ' ', ' ', '{'});
        e = assertThrows(InvalidInputException.class, () -> RunRecord.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": not UTF-8 text (byte 7 of 11"), e.getMessage());
        ResultFiles.write(result("online", 1, new float[][] {{0.5f}}), dir, "r1");
        assertEquals(List.of(1L), RunRecord.readAll(List.of(dir)).stream().map(RunRecord::seed).toList());
    }
}
