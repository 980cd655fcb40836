package dev.mer.report.demo;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.progress.Progress;
import dev.mer.experiment.grid.Grid;
import dev.mer.experiment.grid.GridFilter;
import dev.mer.experiment.results.RunRecord;
import dev.mer.experiment.suite.Suite;
import dev.mer.experiment.suite.SuiteListener;
import dev.mer.experiment.suite.SuiteOptions;
import dev.mer.experiment.suite.SuiteOutcome;
import dev.mer.experiment.suite.SuiteSummary;
import dev.mer.generate.Benchmark;
import dev.mer.generate.GenerateOptions;
import dev.mer.generate.Generator;
import dev.mer.generate.idx.IdxDataset;
import dev.mer.report.Report;
import dev.mer.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The paper's Rotations experiment in miniature, offline: a 20-task rotations benchmark generated
 * from the embedded sample of genuine MNIST digits, then online, gem, eralg4 and meralg1 with the
 * paper's Rotations hyperparameters (mer_examples.sh) scaled to the sample — a tenth of the
 * examples per task and a tenth of the memory (500 items against 5120; gem 25 per task against
 * 256) — over a few seeds, summarised and drawn. It is the suite and the report on a small grid
 * ({@code demo_grid.tsv}), so it resumes as the suite does: a second run only redraws.
 */
public final class Demo {
    /** The demo's grid, a resource beside this class. */
    public static final String GRID_RESOURCE = "demo_grid.tsv";
    /** The generated task-set's name: the grid's {@code rotations}. */
    public static final String TASK_SET = "mnist_rotations";

    private Demo() {
    }

    /** The demo's grid. */
    public static Grid grid() {
        return Grid.resource(Demo.class, GRID_RESOURCE, "the demo's grid");
    }

    /**
     * Runs the demo.
     *
     * @param notes one line per stage, for the user
     * @param runs hears about each finished run
     */
    public static DemoOutcome run(DemoOptions options, Consumer<String> notes, SuiteListener runs) throws IOException {
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(runs, "runs");
        long start = System.nanoTime();
        Path data = options.out().resolve("data");
        Path taskSet = data.resolve(TASK_SET);
        if (!Files.isDirectory(taskSet)) {
            notes.accept("generating 20 rotation tasks from the embedded MNIST sample into " + taskSet);
            try (BufferAllocator allocator = new RootAllocator()) {
                new Generator(GenerateOptions.defaults(Benchmark.ROTATIONS), Runtime.getRuntime().availableProcessors(),
                        Progress.NONE).write(IdxDataset.sample(), taskSet, false,
                        List.of("--rotations", "--source", "sample"), allocator);
            }
        } else {
            notes.accept("using the task-set " + taskSet);
        }
        Suite suite = new Suite(new SuiteOptions(grid(), GridFilter.ALL, options.seeds(), options.jobs(), data,
                options.out(), OptionalInt.of(options.samplesPerTask())));
        notes.accept(suite.plan().pending().size() + " runs to do (" + suite.plan().done().size() + " done before)");
        SuiteOutcome outcome = suite.run(runs);
        if (!outcome.failed().isEmpty()) {
            Exception first = outcome.failed().values().iterator().next();
            throw new InvalidInputException(options.out(), outcome.failed().size() + " demo runs failed; the first: "
                    + first.getMessage());
        }
        SuiteSummary summary = Suite.writeSummary(options.out()); // as mer suite writes it after its runs
        ReportFiles report = Report.write(RunRecord.readAll(List.of(options.out().resolve("runs"))),
                options.out().resolve("report"));
        return new DemoOutcome(summary, report, outcome, (System.nanoTime() - start) / 1e9);
    }
}
