package dev.mer.experiment.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.experiment.cluster.SuiteStatus.State;
import dev.mer.experiment.grid.Grid;
import dev.mer.experiment.suite.SuiteCell;
import dev.mer.experiment.suite.SuiteRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuiteStatusTest {
    private static final Grid GRID = grid();

    private static Grid grid() {
        try {
            return Grid.parse("test grid", null, Grid.HEADER + "\n"
                    + "online\trotations\t-\t--lr 0.01\n"
                    + "eralg4\trotations\t50\t--lr 0.1 --memories 50 --replay_batch_size 5\n");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<SuiteCell> cells() {
        List<SuiteCell> cells = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cells.add(SuiteCell.of(i, new SuiteRun(GRID.rows().get(i / 3), i % 3), OptionalInt.empty()));
        }
        return cells;
    }

    @Test
    void aResultFileMakesACellDoneWhateverTheQueueSays() {
        List<SuiteCell> cells = cells();
        Set<SuiteRun> done = Set.of(cells.get(0).run(), cells.get(5).run());
        // job 7 ran one cell per task: task 1 runs, task 2 waits; job 9, two per task, still holds task 2 (cells 4-5)
        SuiteStatus s = SuiteStatus.of(cells, done, List.of(new Slurm.Job("7", 1), new Slurm.Job("9", 2)),
                Optional.of(Map.of("7", Map.of(0, "RUNNING", 1, "RUNNING", 2, "PENDING"), "9", Map.of(2, "PENDING"),
                        "8", Map.of(3, "RUNNING"))));
        assertEquals(State.DONE, s.states().get(0));
        assertEquals(State.RUNNING, s.states().get(1));
        assertEquals(State.QUEUED, s.states().get(2));
        assertEquals(State.TO_DO, s.states().get(3), "job 8 is not one of this suite's");
        assertEquals(State.QUEUED, s.states().get(4));
        assertEquals(State.DONE, s.states().get(5));
        assertEquals(Map.of(State.DONE, 2, State.RUNNING, 1, State.QUEUED, 2, State.TO_DO, 1), s.counts());
        assertFalse(s.allDone());
        assertTrue(s.queueKnown());
    }

    @Test
    void withoutSqueueCellsNotDoneAreToDo() {
        List<SuiteCell> cells = cells();
        SuiteStatus s = SuiteStatus.of(cells, Set.of(), List.of(new Slurm.Job("7", 1)), Optional.empty());
        assertEquals(6, s.count(State.TO_DO));
        assertFalse(s.queueKnown());
        SuiteStatus all = SuiteStatus.of(cells, Set.copyOf(cells.stream().map(SuiteCell::run).toList()), List.of(),
                Optional.empty());
        assertTrue(all.allDone());
    }

    @Test
    void aCellsIdIsTheSameRunUnderAnyIndexAndDiffersWithItsArguments() {
        SuiteRun run = new SuiteRun(GRID.rows().get(1), 2);
        assertEquals(SuiteCell.of(5, run, OptionalInt.empty()).id(), SuiteCell.of(0, run, OptionalInt.empty()).id());
        assertFalse(SuiteCell.of(5, run, OptionalInt.empty()).id().equals(SuiteCell.of(5, run, OptionalInt.of(10))
                .id()));
        assertFalse(SuiteCell.of(5, run, OptionalInt.empty()).id().equals(SuiteCell.of(5,
                new SuiteRun(GRID.rows().get(1), 3), OptionalInt.empty()).id()));
        assertTrue(SuiteCell.of(5, run, OptionalInt.empty()).id().matches("[0-9a-f]{10}"));
    }

    @Test
    void aSelectionsIdChangesWhenItsCellsOrTheirNumbersDo() {
        assertEquals(SuiteCell.selectionId(cells()), SuiteCell.selectionId(cells()));
        assertFalse(SuiteCell.selectionId(cells()).equals(SuiteCell.selectionId(cells().subList(0, 5))));
        List<SuiteCell> renumbered = new ArrayList<>();
        for (SuiteCell c : cells()) {
            renumbered.add(new SuiteCell(5 - c.index(), c.run(), c.id()));
        }
        assertFalse(SuiteCell.selectionId(cells()).equals(SuiteCell.selectionId(renumbered)));
    }
}
