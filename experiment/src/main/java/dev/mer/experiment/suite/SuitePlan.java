package dev.mer.experiment.suite;

import dev.mer.experiment.grid.GridRow;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The runs a suite selects, row by row and seed by seed, and which of them are already finished
 * (their result {@code .json} exists: it is written last and atomically).
 *
 * @param runs every selected run, in grid order then seed order
 * @param done the finished ones
 */
public record SuitePlan(List<SuiteRun> runs, Set<SuiteRun> done) {
    public SuitePlan {
        runs = List.copyOf(runs);
        done = Set.copyOf(done);
    }

    /** The plan of {@code options}, looking at its output directory for finished runs. */
    public static SuitePlan of(SuiteOptions options) {
        List<SuiteRun> runs = new ArrayList<>();
        for (GridRow row : options.grid().select(options.filter()).rows()) {
            for (long seed : options.seeds().values()) {
                runs.add(new SuiteRun(row, seed));
            }
        }
        Set<SuiteRun> done = runs.stream().filter(r -> Files.isRegularFile(r.resultFile(options.out())))
                .collect(Collectors.toSet());
        return new SuitePlan(runs, done);
    }

    /** The runs still to do, in order. */
    public List<SuiteRun> pending() {
        return runs.stream().filter(r -> !done.contains(r)).toList();
    }
}
