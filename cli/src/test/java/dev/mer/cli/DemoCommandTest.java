package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void runsTheFourModelsOnTheEmbeddedSamplePrintsTheTableWritesTheReportAndReusesItsRuns() throws Exception {
        Path out = tmp.resolve("demo");
        // the demo itself with fewer examples per task, so that CI stays short (.ci/run runs the full one)
        CliRun run = CliRun.of("demo", "--out", out.toString(), "--seeds", "0", "--samples-per-task", "10");
        assertEquals(0, run.exitCode(), run.err());
        List<String> err = run.err().lines().toList();
        assertTrue(err.get(0).startsWith("mer demo: generating 20 rotation tasks from the embedded MNIST sample"), run.err());
        assertEquals("mer demo: 4 runs to do (0 done before)", err.get(1));
        for (String model : List.of("online", "gem", "eralg4", "meralg1")) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("| " + model + " | mnist_rotations | ")), run.out());
        }
        assertTrue(run.out().contains("| meralg1 | mnist_rotations | 500 | 1 | "), run.out());
        Path index = out.resolve("report/index.html");
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("demo: 4 runs (4 now) in ")
                && l.endsWith("report " + index)), run.out());
        String html = Files.readString(index);
        for (String figure : List.of("evolution_mnist_rotations_m500.png", "bars_mnist_rotations_m500.png",
                "matrix_meralg1_mnist_rotations_m500.png", "matrix_online_mnist_rotations.png")) {
            assertTrue(Files.size(out.resolve("report").resolve(figure)) > 1000, figure);
            assertTrue(html.contains(figure), figure);
        }
        Path result = out.resolve("runs/meralg1_rotations_500/seed_0.json");
        FileTime before = Files.getLastModifiedTime(result);

        CliRun again = CliRun.of("demo", "--out", out.toString(), "--seeds", "0", "--samples-per-task", "10");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("mer demo: using the task-set " + out.resolve("data/mnist_rotations")), again.err());
        assertTrue(again.err().contains("mer demo: 0 runs to do (4 done before)"), again.err());
        assertEquals(before, Files.getLastModifiedTime(result));
    }

    @Test
    void aBadSeedListIsOneUserError() {
        CliRun run = CliRun.of("demo", "--out", tmp.resolve("d").toString(), "--seeds", "3-1");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("mer: "), run.err());
    }
}
