package dev.mer.experiment.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellChoiceTest {
    @Test
    void anIndexIsThatCellAndTheEnvironmentIsNotRead() {
        CellChoice c = CellChoice.of("3", 1, Map.of("SLURM_ARRAY_TASK_ID", "5"), 6);
        assertEquals(List.of(3), c.indices());
        assertEquals("--cell 3", c.source());
    }

    @Test
    void envReadsSlurmsArrayTaskIdThenKubernetesCompletionIndex() {
        assertEquals(List.of(4), CellChoice.of("env", 1, Map.of("SLURM_ARRAY_TASK_ID", "4"), 6).indices());
        CellChoice k8s = CellChoice.of("env", 1, Map.of("JOB_COMPLETION_INDEX", "2"), 6);
        assertEquals(List.of(2), k8s.indices());
        assertEquals("JOB_COMPLETION_INDEX=2", k8s.source());
        assertEquals("SLURM_ARRAY_TASK_ID=1", CellChoice.of("env", 1, Map.of("SLURM_ARRAY_TASK_ID", "1",
                "JOB_COMPLETION_INDEX", "2"), 6).source());
    }

    @Test
    void withCellsPerTaskTaskTRunsItsBlockOfCellsTheLastOneShorter() {
        assertEquals(List.of(3, 4, 5), CellChoice.of("env", 3, Map.of("SLURM_ARRAY_TASK_ID", "1"), 7).indices());
        assertEquals(List.of(6), CellChoice.of("env", 3, Map.of("SLURM_ARRAY_TASK_ID", "2"), 7).indices());
        assertEquals(2, CellChoice.taskOf(6, 3));
        assertEquals(0, CellChoice.taskOf(2, 3));
    }

    @Test
    void mistakesAreOneLineNamingWhatToDo() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> CellChoice.of("env", 1, Map.of(), 6));
        assertEquals("--cell env runs the cell of a job array's task, but neither SLURM_ARRAY_TASK_ID nor"
                + " JOB_COMPLETION_INDEX is set: give a cell index (see --list)", none.getMessage());
        assertEquals("no cell 6: the selection has 6 cells (0 to 5, see --list)",
                assertThrows(IllegalArgumentException.class, () -> CellChoice.of("6", 1, Map.of(), 6)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CellChoice.of("env", 1,
                Map.of("SLURM_ARRAY_TASK_ID", "6"), 6)).getMessage().startsWith("SLURM_ARRAY_TASK_ID=6 but the"
                + " selection has 6 cells"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CellChoice.of("env", 1,
                Map.of("SLURM_ARRAY_TASK_ID", "x"), 6)).getMessage().contains("not an array task index"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CellChoice.of("-1", 1, Map.of(), 6))
                .getMessage().startsWith("--cell takes a cell index"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CellChoice.of("2", 2, Map.of(), 6))
                .getMessage().startsWith("--cells-per-task goes with --cell env"));
    }
}
