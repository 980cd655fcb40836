package dev.mer.experiment.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SlurmScriptTest {
    private static final Launcher LAUNCHER = new Launcher(List.of("/opt/jdk/bin/java", "--add-modules=jdk.incubator"
            + ".vector"), List.of("-cp", "/opt/mer/mer.jar", "dev.mer.cli.Mer"));
    private static final List<String> SUITE = List.of("--grid", "my grid.tsv", "--filter", "model=online|eralg4",
            "--seeds", "0-1", "--data", "data", "--out", "results/x", "--jobs", "1");

    private static SlurmScript script(SlurmOptions options, List<Integer> pending, int cells) {
        return new SlurmScript(options, LAUNCHER, SUITE, Path.of("/home/u/mer"), Path.of("/home/u/mer/results/x/slurm"),
                pending, cells);
    }

    @Test
    void theArrayListsOnlyTheTasksWithACellToDoAsRangesThrottledByMaxParallel() {
        SlurmOptions o = new SlurmOptions(Optional.empty(), Optional.empty(), 2, Optional.empty(), OptionalInt.of(4), 1,
                120, List.of());
        assertEquals("0-2,5,7-8%4", script(o, List.of(8, 0, 1, 2, 5, 7), 9).array());
        SlurmOptions byThree = new SlurmOptions(Optional.empty(), Optional.empty(), 2, Optional.empty(),
                OptionalInt.empty(), 3, 120, List.of());
        // cells 1 and 2 are task 0, 7 is task 2
        assertEquals(List.of(0, 2), script(byThree, List.of(1, 2, 7), 9).tasks());
        assertEquals("0,2", script(byThree, List.of(1, 2, 7), 9).array());
    }

    @Test
    void theScriptAsksForARequeueableArrayWithATermBeforeTheLimitAndRunsEachCellWithTheSameSelection() {
        SlurmOptions o = new SlurmOptions(Optional.of("cpu"), Optional.of("4:00:00"), 4, Optional.of("8G"),
                OptionalInt.of(10), 2, 120, List.of("--account=proj", "--qos=low"));
        List<String> lines = script(o, List.of(0, 1, 2, 3, 4), 5).text().lines().toList();
        assertEquals("#!/bin/bash", lines.get(0));
        assertEquals(List.of("#SBATCH --job-name=mer-suite", "#SBATCH --array=0-2%10", "#SBATCH --requeue",
                "#SBATCH --signal=B:TERM@120", "#SBATCH --chdir=/home/u/mer",
                "#SBATCH --output=/home/u/mer/results/x/slurm/%A_%a.out", "#SBATCH --cpus-per-task=4",
                "#SBATCH --partition=cpu", "#SBATCH --time=4:00:00", "#SBATCH --mem=8G", "#SBATCH --account=proj",
                "#SBATCH --qos=low"), lines.stream().filter(l -> l.startsWith("#SBATCH")).toList());
        String run = lines.stream().filter(l -> l.startsWith("/opt/jdk/bin/java")).findFirst().orElseThrow();
        assertEquals("/opt/jdk/bin/java --add-modules=jdk.incubator.vector ${MER_JAVA_OPTS:-} -cp /opt/mer/mer.jar"
                + " dev.mer.cli.Mer suite --grid 'my grid.tsv' --filter 'model=online|eralg4' --seeds 0-1 --data data"
                + " --out results/x --jobs 1 --cell env --cells-per-task 2 &", run);
        assertTrue(lines.contains("trap 'kill -TERM \"$pid\" 2>/dev/null' TERM"), lines.toString());
        assertEquals("exit \"$status\"", lines.get(lines.size() - 1));
        assertTrue(lines.get(1).contains("5 of 5 cells to do"), lines.get(1));
    }

    @Test
    void theSameInputsWriteTheSameScript() {
        SlurmOptions o = SlurmOptions.defaults();
        assertEquals(script(o, List.of(1, 3), 4).text(), script(o, List.of(3, 1), 4).text());
        assertTrue(script(o, List.of(1, 3), 4).text().contains("#SBATCH --cpus-per-task=2\n"));
        assertTrue(!script(o, List.of(1, 3), 4).text().contains("--partition"));
    }

    @Test
    void optionsThatWouldBreakTheScriptAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SlurmOptions(Optional.of("a b"), Optional.empty(), 2,
                Optional.empty(), OptionalInt.empty(), 1, 120, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SlurmOptions(Optional.empty(), Optional.of("1:00\n#x"),
                2, Optional.empty(), OptionalInt.empty(), 1, 120, List.of()));
        assertEquals("--sbatch-arg 'account=x' is not an sbatch option (e.g. --sbatch-arg=--account=proj)",
                assertThrows(IllegalArgumentException.class, () -> new SlurmOptions(Optional.empty(), Optional.empty(),
                        2, Optional.empty(), OptionalInt.empty(), 1, 120, List.of("account=x"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SlurmOptions(Optional.empty(), Optional.empty(), 2,
                Optional.empty(), OptionalInt.of(0), 1, 120, List.of()));
        assertThrows(IllegalArgumentException.class, () -> script(SlurmOptions.defaults(), List.of(), 4));
        assertThrows(IllegalArgumentException.class, () -> script(SlurmOptions.defaults(), List.of(4), 4));
        assertThrows(IllegalArgumentException.class, () -> new SlurmScript(SlurmOptions.defaults(), LAUNCHER, SUITE,
                Path.of("relative"), Path.of("/abs"), List.of(0), 1));
    }
}
