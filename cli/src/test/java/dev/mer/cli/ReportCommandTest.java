package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void reportsRealRunsAndPrintsWhereTheIndexIs() throws Exception {
        Path data = tmp.resolve("mnist_rotations");
        try (BufferAllocator allocator = new RootAllocator()) {
            TaskSetFixtures.write(data, 1, 2, 60, 20, XEncoding.UINT8, List.of(28, 28), 1 << 20, 60, allocator);
        }
        Path results = tmp.resolve("results");
        for (String[] run : List.of(
                new String[] {"--model", "online", "--lr", "0.01"},
                new String[] {"--model", "eralg4", "--lr", "0.1", "--memories", "20", "--replay_batch_size", "4"})) {
            List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(),
                    "--samples_per_task", "20", "--log_every", "10", "--save_path", results.toString()));
            args.addAll(List.of(run));
            CliRun trained = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, trained.exitCode(), trained.err());
        }
        Path out = tmp.resolve("report");
        CliRun run = CliRun.of("report", results.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        Path index = out.toAbsolutePath().resolve("index.html");
        // evolution and bars at 20 memories (online beside eralg4), a matrix each
        assertEquals("report: " + index + " (4 figures of 2 runs)\n", run.out().replace("\r", ""));
        String html = Files.readString(index);
        for (String figure : List.of("evolution_mnist_rotations_m20", "bars_mnist_rotations_m20",
                "matrix_online_mnist_rotations", "matrix_eralg4_mnist_rotations_m20")) {
            assertTrue(Files.size(out.resolve(figure + ".png")) > 0, figure);
            assertTrue(Files.size(out.resolve(figure + ".svg")) > 0, figure);
            assertTrue(html.contains("src=\"" + figure + ".png\""), figure);
        }
    }

    @Test
    void aDirectoryWithoutResultFilesIsOneLineNamingItAndExitOne() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        CliRun run = CliRun.of("report", empty.toString(), "--out", tmp.resolve("report").toString());
        assertEquals(1, run.exitCode());
        assertEquals("mer: " + empty + ": no mer result files (.json written by mer train) found\n",
                run.err().replace("\r", ""));
        assertEquals("", run.out());
        assertTrue(Files.notExists(tmp.resolve("report")));
    }

    @Test
    void aJsonThatIsNotAResultFileIsNamedInTheError() throws Exception {
        Path json = Files.writeString(tmp.resolve("package.json"), "{\"name\": \"not a run\"}");
        CliRun run = CliRun.of("report", json.toString(), "--out", tmp.resolve("report").toString());
        assertEquals(1, run.exitCode());
        assertEquals("mer: " + json + ": not a mer result file (no arguments or evaluations)\n",
                run.err().replace("\r", ""));
    }

    @Test
    void aMissingPathIsAUserError() {
        CliRun run = CliRun.of("report", tmp.resolve("absent").toString());
        assertEquals(1, run.exitCode());
        assertEquals("mer: " + tmp.resolve("absent") + ": no such file or directory\n", run.err().replace("\r", ""));
    }

    @Test
    void isListedInTheHelpWithOneLine() {
        CliRun run = CliRun.of("--help");
        assertTrue(run.out().matches("(?s).*\\n  report +[A-Z][^\\n]*\\.\\n.*"), run.out());
    }
}
