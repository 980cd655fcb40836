package dev.mer.experiment.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.LeakCheckedAllocator;
import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import dev.mer.experiment.grid.Grid;
import dev.mer.experiment.grid.GridFilter;
import dev.mer.experiment.grid.Seeds;
import dev.mer.experiment.results.RunRecord;
import dev.mer.train.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SuiteTest {
    @RegisterExtension
    final LeakCheckedAllocator allocator = new LeakCheckedAllocator();

    @TempDir
    Path tmp;
    Path data;
    Path out;
    Grid grid;

    @BeforeEach
    void tinyTaskSetAndGrid() throws Exception {
        data = tmp.resolve("data");
        out = tmp.resolve("out");
        // 2 tasks of 30 training and 10 test rows of 4×4 inputs: a run takes milliseconds
        TaskSetFixtures.write(data.resolve("mnist_rotations"), 1, 2, 30, 10, XEncoding.UINT8, List.of(4, 4), 1 << 20,
                30, allocator);
        grid = Grid.parse("test grid", null, Grid.HEADER + "\n"
                + "online\trotations\t-\t--lr 0.01\n"
                + "eralg4\trotations\t50\t--lr 0.1 --memories 50 --replay_batch_size 5\n");
    }

    private SuiteOptions options(String seeds) {
        return new SuiteOptions(grid, GridFilter.ALL, Seeds.parse(seeds), 1, data, out, OptionalInt.of(10));
    }

    /** Stops the suite after {@code k} finished runs, as a Ctrl-C between runs would. */
    private static final class StopAfter implements SuiteListener {
        final List<SuiteRun> finished = new ArrayList<>();
        final int k;
        Suite suite;

        StopAfter(int k) {
            this.k = k;
        }

        @Override
        public void finished(SuiteRun run, RunResult result, SuiteProgress progress) {
            finished.add(run);
            assertEquals(finished.size(), progress.finished());
            if (finished.size() == k) {
                suite.cancel();
            }
        }

        @Override
        public void failed(SuiteRun run, Exception error, SuiteProgress progress) {
            throw new AssertionError(run.label(), error);
        }
    }

    @Test
    void anInterruptedSuiteRunsOnlyTheRestAndLeavesFinishedFilesUntouched() throws Exception {
        Suite first = new Suite(options("0-1"));
        StopAfter stop = new StopAfter(2);
        stop.suite = first;
        SuiteOutcome outcome = first.run(stop);
        assertEquals(2, outcome.ran().size());
        assertEquals(2, outcome.notRun().size());
        assertTrue(outcome.alreadyDone().isEmpty());
        Map<Path, byte[]> bytes = new HashMap<>();
        Map<Path, FileTime> times = new HashMap<>();
        for (SuiteRun r : outcome.ran()) {
            for (String ext : new String[] {".json", ".txt"}) {
                Path f = r.directory(out).resolve(r.stem() + ext);
                bytes.put(f, Files.readAllBytes(f));
                times.put(f, Files.getLastModifiedTime(f));
            }
        }
        for (SuiteRun r : outcome.notRun()) {
            assertFalse(Files.exists(r.resultFile(out)), r.label());
        }

        Suite second = new Suite(options("0-1"));
        assertEquals(2, second.plan().pending().size());
        StopAfter never = new StopAfter(-1);
        never.suite = second;
        SuiteOutcome rest = second.run(never);
        assertEquals(outcome.notRun(), rest.ran().stream().sorted(order(outcome.notRun())).toList());
        assertEquals(outcome.ran().size(), rest.alreadyDone().size());
        for (Map.Entry<Path, byte[]> e : bytes.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey().toString());
            assertEquals(times.get(e.getKey()), Files.getLastModifiedTime(e.getKey()), e.getKey().toString());
        }
        assertTrue(new Suite(options("0-1")).plan().pending().isEmpty());
        assertTrue(new Suite(options("0-1")).run(SuiteListener.NONE).ran().isEmpty());
    }

    @Test
    void theSummaryWrittenComesBackAsTheTableACommandPrintsAndWhereItIs() throws Exception {
        new Suite(options("0-1")).run(SuiteListener.NONE);
        SuiteSummary summary = Suite.writeSummary(out);
        assertEquals(2, summary.rows().size());
        assertEquals(Files.readString(out.resolve("summary.md")), summary.markdown());
        assertTrue(summary.markdown().contains("| eralg4 | mnist_rotations | 50 | 2 | "), summary.markdown());
        assertEquals(out.resolve("summary.csv"), summary.csvFile());
        assertEquals(out.resolve("summary.md") + ", " + out.resolve("summary.csv"), summary.files());
    }

    private static java.util.Comparator<SuiteRun> order(List<SuiteRun> reference) {
        return java.util.Comparator.comparingInt(reference::indexOf);
    }

    @Test
    void resultFilesCarryTheGridsDatasetMemoryAndFlags() throws Exception {
        new Suite(options("3")).run(SuiteListener.NONE);
        RunRecord eralg4 = RunRecord.read(out.resolve("runs/eralg4_rotations_50/seed_3.json"));
        assertEquals(OptionalInt.of(50), eralg4.memories());
        assertEquals("mnist_rotations", eralg4.dataset());
        assertEquals(3, eralg4.seed());
        assertEquals(10, ((Number) eralg4.arguments().get("samples_per_task")).intValue());
        assertEquals(20, eralg4.examples());
        String json = Files.readString(out.resolve("runs/eralg4_rotations_50/seed_3.json"));
        assertTrue(json.contains("\"args\" : \"--lr 0.1 --memories 50 --replay_batch_size 5\""), json);
        assertTrue(json.contains("\"dataset\" : \"rotations\""), json);
        assertTrue(Files.readString(out.resolve("runs/online_rotations/seed_3.txt")).contains("Final Accuracy"));
        RunRecord online = RunRecord.read(out.resolve("runs/online_rotations/seed_3.json"));
        assertTrue(online.memories().isEmpty());
    }

    @Test
    void aMissingTaskSetIsOneErrorBeforeAnyRunSayingHowToGetIt() throws Exception {
        grid = Grid.parse("test grid", null, Grid.HEADER + "\n"
                + "online\trotations\t-\t--lr 0.01\nonline\tpermutations\t-\t--lr 0.01\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Suite(options("0")).run(SuiteListener.NONE));
        assertEquals(data.resolve("mnist_permutations") + ": no such task-set (permutations in the grid): download it"
                + " with 'mer fetch permutations', or make one with 'mer generate --permutations 20' with --out "
                + data.resolve("mnist_permutations"), e.getMessage());
        assertFalse(Files.exists(out.resolve("runs")));
    }

    @Test
    void finishedRunsMadeWithOtherArgumentsAreNotMixedIn() throws Exception {
        new Suite(options("0")).run(SuiteListener.NONE);
        SuiteOptions more = new SuiteOptions(grid, GridFilter.ALL, Seeds.parse("0-1"), 1, data, out, OptionalInt.of(20));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Suite(more).run(SuiteListener.NONE));
        assertTrue(e.getMessage().contains("was run with samples_per_task 10, this suite would use 20"), e.getMessage());
    }

    @Test
    void twoJobsRunEverythingOnce() throws Exception {
        SuiteOptions two = new SuiteOptions(grid, GridFilter.ALL, Seeds.parse("0-2"), 2, data, out, OptionalInt.of(10));
        SuiteOutcome outcome = new Suite(two).run(SuiteListener.NONE);
        assertEquals(6, outcome.ran().size());
        assertEquals(6, outcome.ran().stream().distinct().count());
        assertTrue(outcome.failed().isEmpty());
        assertEquals(6, RunRecord.readAll(List.of(out.resolve("runs"))).size());
    }

    @Test
    void etaIsTheThroughputSoFar() {
        assertEquals(30.0, new SuiteProgress(2, 0, 5, 20).etaSeconds(), 1e-12);
        assertTrue(Double.isNaN(new SuiteProgress(0, 0, 5, 20).etaSeconds()));
        assertThrows(IllegalArgumentException.class, () -> new SuiteProgress(4, 2, 5, 1));
    }
}
