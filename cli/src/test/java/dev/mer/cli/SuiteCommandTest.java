package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteCommandTest {
    @TempDir
    Path tmp;
    Path data;
    Path grid;
    Path out;

    @BeforeEach
    void tinyTaskSetAndGrid() throws Exception {
        data = tmp.resolve("data");
        out = tmp.resolve("out");
        try (BufferAllocator allocator = new RootAllocator()) {
            TaskSetFixtures.write(data.resolve("mnist_rotations"), 1, 3, 30, 10, XEncoding.UINT8, List.of(4, 4),
                    1 << 20, 30, allocator);
        }
        grid = tmp.resolve("grid.tsv");
        Files.writeString(grid, "model\tdataset\tmemories\targs\n"
                + "online\trotations\t-\t--lr 0.01\n"
                + "meralg1\trotations\t20\t--lr 0.03 --beta 0.03 --gamma 1.0 --memories 20 --replay_batch_size 2"
                + " --batches_per_example 2\n");
    }

    private CliRun suite(String seeds, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("suite", "--grid", grid.toString(), "--data",
                data.toString(), "--out", out.toString(), "--seeds", seeds, "--samples-per-task", "8", "--jobs", "1"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void runsTheGridOverSeedsWritesTheSummaryAndResumesWithNothingLeft() throws Exception {
        CliRun run = suite("0-1");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals("mer suite: 4 runs (2 rows × 2 seeds): 0 done, 4 to run, 1 at a time", lines.get(0));
        assertEquals(5, lines.size(), run.err());
        assertTrue(lines.get(1).matches("mer suite: \\[1/4\\] online rotations seed 0: RA [0-9.]+  LA [0-9.]+  BTI"
                + " -?[0-9.]+  \\([0-9.]+ s\\)  elapsed \\d+:\\d\\d, ETA \\d+:\\d\\d"), lines.get(1));
        assertTrue(lines.get(4).startsWith("mer suite: [4/4] meralg1 rotations 20 seed 1: "), lines.get(4));
        assertTrue(Files.isRegularFile(out.resolve("runs/meralg1_rotations_20/seed_1.json")));
        assertTrue(Files.isRegularFile(out.resolve("runs/online_rotations/seed_0.txt")));
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| online | mnist_rotations | - | 2 | "), md);
        assertTrue(md.contains("| meralg1 | mnist_rotations | 20 | 2 | "), md);
        assertEquals(3, Files.readAllLines(out.resolve("summary.csv")).size());
        assertTrue(run.out().contains("4 runs now, 0 done before, 0 failed"), run.out());

        CliRun again = suite("0-2");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().startsWith("mer suite: 6 runs (2 rows × 3 seeds): 4 done, 2 to run"), again.err());
        assertEquals(3, again.err().lines().count(), again.err());
        assertTrue(again.out().contains("| online | mnist_rotations | - | 3 | "), again.out());
    }

    @Test
    void dryRunListsTheRunsAndWhichAreDone() throws Exception {
        assertEquals(0, suite("0", "--filter", "model=online").exitCode());
        CliRun dry = suite("0-1", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.err());
        List<String> lines = dry.out().lines().toList();
        assertEquals("4 runs (2 rows × 2 seeds): 1 done, 3 to run, 1 at a time", lines.get(0));
        assertTrue(lines.get(1).startsWith("done    online rotations seed 0"), lines.get(1));
        assertTrue(lines.get(2).startsWith("to run  online rotations seed 1"), lines.get(2));
        assertTrue(lines.get(4).endsWith(out.resolve("runs/meralg1_rotations_20/seed_1.json").toString()), lines.get(4));
        assertEquals(5, lines.size());
        assertEquals("", dry.err());
    }

    @Test
    void thePapersGridDryRunNamesTheMissingTaskSets() {
        CliRun dry = CliRun.of("suite", "--dry-run", "--data", tmp.resolve("none").toString(), "--filter",
                "model=meralg1", "--seeds", "0-4", "--jobs", "2");
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().startsWith("40 runs (8 rows × 5 seeds): 0 done, 40 to run, 2 at a time\n"), dry.out());
        assertTrue(dry.out().contains("missing task-set " + tmp.resolve("none/mnist_manypermutations")
                + ": download it with 'mer fetch manypermutations'"), dry.out());
    }

    @Test
    void userErrorsAreOneLine() throws Exception {
        CliRun missing = CliRun.of("suite", "--data", tmp.resolve("none").toString(), "--out", out.toString(),
                "--filter", "model=online,dataset=rotations", "--seeds", "0");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().endsWith(tmp.resolve("none/mnist_rotations") + ": no such task-set (rotations in the"
                + " grid): download it with 'mer fetch rotations', or make one with 'mer generate --rotations' with"
                + " --out " + tmp.resolve("none/mnist_rotations") + "\n"), missing.err());

        Files.writeString(grid, "model\tdataset\tmemories\targs\nonline\trotations\t-\t--memories 5\n");
        CliRun bad = suite("0");
        assertEquals(1, bad.exitCode());
        assertEquals("mer: " + grid + ": line 2: --memories has no effect on --model online (it is used by eralg4,"
                + " eralg5, meralg1, meralg6, meralg7)\n", bad.err());

        CliRun filter = CliRun.of("suite", "--filter", "model=merlag1", "--dry-run");
        assertEquals(1, filter.exitCode());
        assertTrue(filter.err().startsWith("mer: unknown model 'merlag1' in the filter"), filter.err());
        CliRun none = CliRun.of("suite", "--filter", "dataset=fashion", "--dry-run");
        assertEquals(1, none.exitCode());
        assertEquals("mer: no row of the grid matches --filter 'dataset=fashion'\n", none.err());
        assertEquals(1, CliRun.of("suite", "--seeds", "4-0", "--dry-run").exitCode());
        assertEquals(1, CliRun.of("suite", "--jobs", "0", "--dry-run").exitCode());
    }
}
