package dev.mer.cli;

import dev.mer.dataset.InvalidInputException;
import dev.mer.experiment.grid.Grid;
import dev.mer.experiment.grid.GridFilter;
import dev.mer.experiment.grid.Protocol;
import dev.mer.experiment.grid.Seeds;
import dev.mer.experiment.results.RunRecord;
import dev.mer.experiment.suite.Suite;
import dev.mer.experiment.suite.SuiteOptions;
import dev.mer.experiment.suite.SuiteOutcome;
import dev.mer.experiment.suite.SuitePlan;
import dev.mer.experiment.suite.SuiteRun;
import dev.mer.experiment.summary.PublishedFigures;
import dev.mer.experiment.summary.Summary;
import dev.mer.experiment.summary.SummaryTables;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mer suite}: the paper's grid (or a user's) over seeds, resumable, with a summary table. */
@Command(name = "suite",
        mixinStandardHelpOptions = true,
        description = {"Run the paper's experiments over seeds and summarise them.",
            "Runs the 57 configurations of mer_examples.sh (or --grid FILE), each with every seed, in this process,"
                + " N at a time. Results go to OUT/runs/<model>_<dataset>_<memories>/seed_<k>.json (and GEM's .txt);"
                + " a finished run is never recomputed, so an interrupted suite continues where it stopped. Then"
                + " OUT/summary.md and OUT/summary.csv: mean ± std of RA, LA and BTI over seeds, beside the paper's"
                + " figures where the project has them."},
        footer = {"", "Grid files: a header line 'model<TAB>dataset<TAB>memories<TAB>args', then one row a line, e.g."
                + " 'meralg1<TAB>rotations<TAB>500<TAB>--lr 0.1 --beta 0.01 --memories 500 ...'; '-' for no memory."
                + " Every run also gets mer_examples.sh's common flags: --n_layers 2 --n_hiddens 100 --batch_size 1"
                + " --log_every 100 --samples_per_task 1000 (200 on manypermutations).", "",
            "Examples:",
            "  mer suite --filter model=meralg1,dataset=rotations --seeds 0-4",
            "  mer suite --filter 'model=online|eralg4|meralg1,memories=500|-' \\",
            "            --samples-per-task 100 --out results/small",
            "  mer suite --grid my_grid.tsv --data data --out results/mine --jobs 2",
            "  mer suite --dry-run"})
final class SuiteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--grid", paramLabel = "FILE",
            description = "A grid file (default: the paper's grid, mer_examples.sh's 57 runs).")
    Path grid;

    @Option(names = "--filter", paramLabel = "COL=V[|V...],...",
            description = "Select rows by model, dataset and memories ('-' for none),"
                    + " e.g. model=meralg1|eralg4,dataset=rotations,memories=5120.")
    String filter = "";

    @Option(names = "--seeds", paramLabel = "SEEDS", description = "Seeds, as 0-4 or 0,2,7 (default: ${DEFAULT-VALUE}).")
    String seeds = "0-4";

    @Option(names = "--jobs", paramLabel = "N",
            description = "Runs at a time (default: half the processors, at least 1: a run trains on one thread"
                    + " and evaluates on another).")
    Integer jobs;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory of the task-sets mnist_rotations, mnist_permutations, mnist_manypermutations"
                    + " (default: ${DEFAULT-VALUE}).")
    Path data = Path.of("data");

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("results", "suite");

    @Option(names = {"--samples-per-task", "--samples_per_task"}, paramLabel = "N",
            description = "Training examples per task for every run, instead of the paper's 1000 (200 on many"
                    + " permutations): smaller experiments.")
    Integer samplesPerTask;

    @Option(names = "--dry-run", description = "List the runs and which are already done; run nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SuiteOptions options;
        try {
            options = new SuiteOptions(grid == null ? Grid.paper() : Grid.read(grid), GridFilter.parse(filter),
                    Seeds.parse(seeds), jobs == null ? SuiteOptions.defaultJobs() : jobs, data, out,
                    samplesPerTask == null ? OptionalInt.empty() : OptionalInt.of(samplesPerTask));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
        Suite suite = new Suite(options);
        SuitePlan plan = suite.plan();
        if (plan.runs().isEmpty()) {
            throw new InvalidInputException(grid, "no row of the grid matches --filter '" + filter + "'");
        }
        int rows = (int) plan.runs().stream().map(SuiteRun::row).distinct().count();
        String header = String.format(Locale.ROOT, "%d runs (%d rows × %d seed%s): %d done, %d to run, %d at a time",
                plan.runs().size(), rows, options.seeds().size(), options.seeds().size() == 1 ? "" : "s", plan.done().size(), plan.pending().size(),
                options.jobs());
        if (dryRun) {
            stdout.println(header);
            for (SuiteRun r : plan.runs()) {
                stdout.printf(Locale.ROOT, "%-7s %-40s %s%n", plan.done().contains(r) ? "done" : "to run", r.label(),
                        r.resultFile(out));
            }
            for (String d : new TreeSet<>(plan.pending().stream().map(r -> r.row().dataset()).toList())) {
                Path dir = Suite.taskSetDirectory(data, d);
                if (!Files.isDirectory(dir)) {
                    stdout.println("missing task-set " + dir + ": " + Protocol.howToGet(d));
                }
            }
            stdout.flush();
            return 0;
        }
        VectorModule.require("suite");
        err.println("mer suite: " + header);
        err.flush();
        SuiteOutcome outcome = suite.run(new RunLines(err, "mer suite"));
        List<RunRecord> records = RunRecord.readAll(List.of(out.resolve("runs")));
        SummaryTables.write(out, Summary.of(records), PublishedFigures.paper());
        stdout.print(SummaryTables.markdown(Summary.of(records), PublishedFigures.paper()));
        stdout.println();
        stdout.printf(Locale.ROOT, "%d runs now, %d done before, %d failed (%s); summary: %s, %s%n",
                outcome.ran().size(), outcome.alreadyDone().size(), outcome.failed().size(),
                Units.duration(outcome.seconds()), out.resolve("summary.md"), out.resolve("summary.csv"));
        stdout.flush();
        if (!outcome.failed().isEmpty()) {
            for (Map.Entry<SuiteRun, Exception> e : outcome.failed().entrySet()) {
                String message = UserErrors.userMessage(e.getValue());
                err.println("mer: " + e.getKey().label() + " failed: "
                        + (message != null ? message : e.getValue().toString()));
            }
            err.println("mer: " + outcome.failed().size() + " of " + plan.pending().size() + " runs failed;"
                    + " run the same command again to retry them");
            err.flush();
            return Mer.EXIT_USER_ERROR;
        }
        return 0;
    }
}
