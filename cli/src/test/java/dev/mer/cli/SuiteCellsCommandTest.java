package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mer suite --list}, {@code --cell}, {@code --slurm-script-only}, {@code --status}, {@code --summarize}. */
class SuiteCellsCommandTest {
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
                + "eralg4\trotations\t20\t--lr 0.1 --memories 20 --replay_batch_size 5\n");
    }

    private List<String> selection(String seeds, String... extra) {
        List<String> args = new ArrayList<>(List.of("suite", "--grid", grid.toString(), "--data", data.toString(),
                "--out", out.toString(), "--seeds", seeds, "--samples-per-task", "8"));
        args.addAll(List.of(extra));
        return args;
    }

    private CliRun suite(String seeds, String... extra) {
        return CliRun.of(Map.of(), selection(seeds, extra).toArray(String[]::new));
    }

    private CliRun suiteIn(Map<String, String> environment, String seeds, String... extra) {
        return CliRun.of(environment, selection(seeds, extra).toArray(String[]::new));
    }

    @Test
    void listNumbersTheCellsInGridThenSeedOrderWithIdsThatFollowTheRunNotTheIndex() {
        CliRun list = suite("0-1", "--list");
        assertEquals(0, list.exitCode(), list.err());
        List<String[]> rows = list.out().lines().map(l -> l.split("\t")).toList();
        assertEquals("cell model dataset memories seed id state", String.join(" ", rows.get(0)));
        assertEquals(5, rows.size());
        assertEquals("0 online rotations - 0", String.join(" ", List.of(rows.get(1)).subList(0, 5)));
        assertEquals("3 eralg4 rotations 20 1", String.join(" ", List.of(rows.get(4)).subList(0, 5)));
        assertTrue(rows.get(4)[5].matches("[0-9a-f]{10}"), rows.get(4)[5]);
        assertEquals("to do", rows.get(4)[6]);
        assertEquals(list.out(), suite("0-1", "--list").out(), "stable");
        // eralg4 seed 1 is cell 0 of another selection, with the same id
        String[] alone = suite("1", "--list", "--filter", "model=eralg4").out().lines().toList().get(1).split("\t");
        assertEquals("0", alone[0]);
        assertEquals(rows.get(4)[5], alone[5]);
    }

    @Test
    void aCellIsTheSameFilesAsTheWholeSuiteWritesItsTimingAside() throws Exception {
        assertEquals(0, suite("0-1", "--jobs", "1").exitCode());
        Path whole = tmp.resolve("whole");
        Files.move(out, whole);
        for (int i = 0; i < 4; i++) {
            CliRun cell = suite("0-1", "--cell", Integer.toString(i));
            assertEquals(0, cell.exitCode(), cell.err());
            assertTrue(cell.err().startsWith("mer suite: cell " + i + " of 4 ("), cell.err());
        }
        assertEquals(0, suite("0-1", "--status").exitCode());
        ResultTrees.assertSameResults(whole, out);
    }

    @Test
    void aCellAlreadyDoneSaysSoAndRunsNothing() throws Exception {
        assertEquals(0, suite("0-1", "--cell", "2").exitCode());
        Path json = out.resolve("runs/eralg4_rotations_20/seed_0.json");
        byte[] before = Files.readAllBytes(json);
        var modified = Files.getLastModifiedTime(json);
        CliRun again = suite("0-1", "--cell", "2");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals("mer suite: cell 2 of 4 (eralg4 rotations 20 seed 0, id " + id(2) + ") is done (" + json
                + "): nothing to run\n", again.err());
        assertEquals("", again.out());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(json)));
        assertEquals(modified, Files.getLastModifiedTime(json));
    }

    private String id(int cell) {
        return suite("0-1", "--list").out().lines().toList().get(cell + 1).split("\t")[5];
    }

    @Test
    void cellEnvTakesTheIndexFromSlurmOrKubernetesAndRunsATasksBlockOfCells() throws Exception {
        CliRun slurm = suiteIn(Map.of("SLURM_ARRAY_TASK_ID", "3"), "0-1", "--cell");
        assertEquals(0, slurm.exitCode(), slurm.err());
        assertTrue(slurm.err().startsWith("mer suite: cell 3 of 4 (eralg4 rotations 20 seed 1, id " + id(3) + ") from"
                + " SLURM_ARRAY_TASK_ID=3\n"), slurm.err());
        assertTrue(Files.isRegularFile(out.resolve("runs/eralg4_rotations_20/seed_1.json")));

        CliRun k8s = suiteIn(Map.of("JOB_COMPLETION_INDEX", "0"), "0-1", "--cell", "env", "--cells-per-task", "2");
        assertEquals(0, k8s.exitCode(), k8s.err());
        assertTrue(k8s.err().contains("cell 0 of 4 (online rotations seed 0, id " + id(0) + ") from"
                + " JOB_COMPLETION_INDEX=0\n"), k8s.err());
        assertTrue(k8s.err().contains("cell 1 of 4 (online rotations seed 1"), k8s.err());
        assertEquals(List.of("seed_0.json", "seed_0.txt", "seed_1.json", "seed_1.txt"),
                ResultTrees.names(out.resolve("runs/online_rotations")));
        assertFalse(Files.exists(out.resolve("summary.md")), "cell 2 is still to do");

        // the task that completes the selection says so, and leaves the summary to one --status
        CliRun last = suiteIn(Map.of("SLURM_ARRAY_TASK_ID", "1"), "0-1", "--cell", "--cells-per-task", "2");
        assertEquals(0, last.exitCode(), last.err());
        assertTrue(last.err().contains("cell 3 of 4 (eralg4 rotations 20 seed 1, id " + id(3) + ") is done"),
                last.err());
        assertEquals("all 4 cells done: mer suite --status (or --summarize) with the same options writes the"
                + " summary\n", last.out());
        assertFalse(Files.exists(out.resolve("summary.csv")));
    }

    @Test
    void aTaskOfAJobWhoseGridFileChangedSinceRefusesToRunAnotherCell() throws Exception {
        assertEquals(0, suite("0-1", "--slurm-script-only").exitCode());
        String id = Files.readString(out.resolve("slurm/suite.sbatch")).replaceAll("(?s).* --selection-id ([0-9a-f]+)"
                + " .*", "$1");
        Files.writeString(grid, Files.readString(grid).replace("online\trotations\t-\t--lr 0.01\n", ""));
        CliRun moved = suiteIn(Map.of("SLURM_ARRAY_TASK_ID", "1"), "0-1", "--selection-id", id, "--cell");
        assertEquals(1, moved.exitCode());
        assertTrue(moved.err().startsWith("mer: " + grid + ": the selection has changed since the job was submitted"
                + " (selection id "), moved.err());
        assertFalse(Files.exists(out.resolve("runs")));
        assertEquals("mer: --selection-id goes with --cell\n", suite("0-1", "--selection-id", id).err());
    }

    @Test
    void aPlainSuiteInsideASlurmArrayTaskRunsTheWholeSelection() {
        CliRun plain = suiteIn(Map.of("SLURM_ARRAY_TASK_ID", "1", "JOB_COMPLETION_INDEX", "1"), "0-1", "--jobs", "1");
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(plain.out().contains("4 runs now, 0 done before, 0 failed"), plain.out());
    }

    @Test
    void cellMistakesAreOneLine() {
        CliRun noEnv = suiteIn(Map.of(), "0-1", "--cell");
        assertEquals(1, noEnv.exitCode());
        assertEquals("mer: --cell env runs the cell of a job array's task, but neither SLURM_ARRAY_TASK_ID nor"
                + " JOB_COMPLETION_INDEX is set: give a cell index (see --list)\n", noEnv.err());
        assertEquals("mer: no cell 4: the selection has 4 cells (0 to 3, see --list)\n",
                suite("0-1", "--cell", "4").err());
        assertEquals("mer: --list and --cell do not go together: choose one\n", suite("0-1", "--list", "--cell", "1")
                .err());
        assertEquals("mer: --partition, --time go with --slurm\n", suite("0-1", "--partition", "a", "--time", "1")
                .err());
        assertEquals("mer: --cells-per-task goes with --slurm or --cell env\n",
                suite("0-1", "--cells-per-task", "2").err());
        assertEquals(1, suite("0-1", "--slurm-script-only", "--sbatch-arg", "account=x").exitCode());
    }

    @Test
    void slurmScriptOnlyWritesAJobArrayOverTheCellsToDoWithTheSameSelection() throws Exception {
        assertEquals(0, suite("0-1", "--cell", "1").exitCode());
        CliRun written = suite("0-1", "--slurm-script-only", "--partition", "short", "--time", "0:30:00",
                "--cpus-per-task", "4", "--mem", "2G", "--max-parallel", "2", "--sbatch-arg=--account=proj");
        assertEquals(0, written.exitCode(), written.err());
        Path script = out.resolve("slurm/suite.sbatch");
        assertEquals(script + ": 3 cells to do of 4, 3 array tasks (--array=0,2-3%2); submit it with sbatch " + script
                + "\n", written.out());
        String text = Files.readString(script);
        for (String line : List.of("#SBATCH --array=0,2-3%2", "#SBATCH --requeue", "#SBATCH --signal=B:TERM@120",
                "#SBATCH --chdir=" + Path.of("").toAbsolutePath(),
                "#SBATCH --output=" + out.toAbsolutePath().resolve("slurm") + "/%A_%a.out", "#SBATCH --cpus-per-task=4",
                "#SBATCH --partition=short", "#SBATCH --time=0:30:00", "#SBATCH --mem=2G", "#SBATCH --account=proj")) {
            assertTrue(text.contains(line + "\n"), line + " in\n" + text);
        }
        String run = text.lines().filter(l -> l.contains(" dev.mer.cli.Mer suite ")).findFirst().orElseThrow();
        String selectionId = run.replaceAll(".* --selection-id ([0-9a-f]{10}) .*", "$1");
        assertTrue(run.startsWith(ProcessHandle.current().info().command().orElseThrow() + " "), run);
        assertTrue(run.endsWith(" dev.mer.cli.Mer suite --grid " + grid + " --seeds 0-1 --data " + data + " --out " + out
                + " --samples-per-task 8 --jobs 2 --selection-id " + selectionId + " --cell env --cells-per-task 1 &"),
                run);
        assertFalse(Files.exists(out.resolve("slurm/jobs.tsv")), "not submitted");

        for (int i = 0; i < 4; i++) {
            suite("0-1", "--cell", Integer.toString(i));
        }
        CliRun nothing = suite("0-1", "--slurm-script-only");
        assertEquals("all 4 cells are done: nothing to submit (mer suite --status writes the summary)\n",
                nothing.out());
    }

    @Test
    void slurmChecksTheTaskSetsBeforeQueueingAnything() {
        CliRun missing = CliRun.of(Map.of(), "suite", "--data", tmp.resolve("none").toString(), "--out",
                out.toString(), "--filter", "model=online,dataset=rotations", "--seeds", "0", "--slurm");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("no such task-set (rotations in the grid)"), missing.err());
        assertFalse(Files.exists(out.resolve("slurm")));
    }

    @Test
    void slurmRefusesAnOutputDirectoryWhoseFinishedRunsWereMadeWithOtherArguments() {
        assertEquals(0, suite("0-1", "--cell", "0").exitCode());
        List<String> other = selection("0-1", "--slurm-script-only");
        other.set(other.indexOf("8"), "9");
        CliRun refused = CliRun.of(Map.of(), other.toArray(String[]::new));
        assertEquals(1, refused.exitCode());
        assertEquals("mer: " + out.resolve("runs/online_rotations/seed_0.json") + ": was run with samples_per_task 8,"
                + " this suite would use 9: use another --out, or remove the file to run it again\n", refused.err());
        assertFalse(Files.exists(out.resolve("slurm")));
    }

    @Test
    void statusCountsTheCellsFromTheResultFilesAndWritesTheSummaryWhenAllAreDone() throws Exception {
        suite("0-1", "--cell", "0");
        CliRun some = suite("0-1", "--status");
        assertEquals(0, some.exitCode(), some.err());
        List<String> lines = some.out().lines().toList();
        assertEquals("4 cells: 1 done, 0 running, 0 queued, 3 to do", lines.get(0));
        assertEquals("to do       1  online rotations seed 1 (id " + id(1) + ")", lines.get(1));
        assertEquals(4, lines.size());
        assertFalse(Files.exists(out.resolve("summary.md")));
        // a cell stopped part-way says it continues from its checkpoint
        Path checkpoint = out.resolve("runs/online_rotations/seed_1.ckpt");
        Files.createDirectories(checkpoint.getParent());
        Files.write(checkpoint, new byte[] {1});
        assertEquals("to do       1  online rotations seed 1 (id " + id(1) + "), checkpointed",
                suite("0-1", "--status").out().lines().toList().get(1));
        Files.delete(checkpoint);

        for (int i = 1; i < 4; i++) {
            suite("0-1", "--cell", Integer.toString(i));
        }
        assertFalse(Files.exists(out.resolve("summary.md")), "cells leave the summary to --status");
        CliRun all = suite("0-1", "--status");
        assertEquals("4 cells: 4 done, 0 running, 0 queued, 0 to do\nall done; summary: " + out.resolve("summary.md")
                + ", " + out.resolve("summary.csv") + "\n", all.out());
        assertTrue(Files.isRegularFile(out.resolve("summary.md")));
    }

    @Test
    void summarizeRewritesTheSuitesSummaryFromOutsResults() throws Exception {
        assertEquals(0, suite("0-1", "--jobs", "1").exitCode());
        byte[] md = Files.readAllBytes(out.resolve("summary.md"));
        byte[] csv = Files.readAllBytes(out.resolve("summary.csv"));
        Files.delete(out.resolve("summary.md"));
        Files.writeString(out.resolve("summary.csv"), "stale");
        CliRun s = CliRun.of(Map.of(), "suite", "--out", out.toString(), "--summarize");
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("| online | mnist_rotations | - | 2 | "), s.out());
        assertTrue(java.util.Arrays.equals(md, Files.readAllBytes(out.resolve("summary.md"))));
        assertTrue(java.util.Arrays.equals(csv, Files.readAllBytes(out.resolve("summary.csv"))));
        CliRun none = CliRun.of(Map.of(), "suite", "--out", tmp.resolve("empty").toString(), "--summarize");
        assertEquals("mer: " + tmp.resolve("empty") + ": no results to summarise (no runs/ directory)\n", none.err());
    }
}
