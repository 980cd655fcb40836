package dev.mer.cli;

import dev.mer.dataset.InvalidInputException;
import dev.mer.experiment.cluster.Slurm;
import dev.mer.experiment.cluster.SlurmOptions;
import dev.mer.experiment.cluster.SlurmScript;
import dev.mer.experiment.cluster.SuiteStatus;
import dev.mer.experiment.grid.Grid;
import dev.mer.experiment.grid.GridFilter;
import dev.mer.experiment.grid.GridRow;
import dev.mer.experiment.grid.Protocol;
import dev.mer.experiment.suite.CellChoice;
import dev.mer.experiment.suite.Suite;
import dev.mer.experiment.suite.SuiteCell;
import dev.mer.experiment.suite.SuiteOptions;
import dev.mer.experiment.suite.SuiteOutcome;
import dev.mer.experiment.suite.SuitePlan;
import dev.mer.experiment.suite.SuiteRun;
import dev.mer.experiment.suite.SuiteSummary;
import dev.mer.train.checkpoint.RunStopped;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mer suite}: the paper's grid (or a user's) over seeds, resumable, with a summary table. */
@Command(name = "suite", resourceBundle = "dev.mer.cli.SuiteHelp",
        mixinStandardHelpOptions = true,
        description = {"Run the paper's experiments over seeds and summarise them.",
            "Runs the 57 configurations of mer_examples.sh (or --grid FILE), each with every seed, in this process,"
                + " N at a time. Results go to OUT/runs/<model>_<dataset>_<memories>/seed_<k>.json (and GEM's .txt);"
                + " a finished run is never recomputed, so an interrupted suite continues where it stopped. Then"
                + " OUT/summary.md and OUT/summary.csv: mean ± std of RA, LA and BTI over seeds, beside the paper's"
                + " figures where the project has them.",
            "On a cluster: --list numbers the runs as cells; --cell I runs one; --slurm submits a Slurm job array"
                + " whose task t runs cell t (--cell env reads SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX); --status"
                + " tells which are done, running, queued or to do, and writes the summary once all are done."},
        footer = {"", "Grid files: a header line 'model<TAB>dataset<TAB>memories<TAB>args', then one row a line, e.g."
                + " 'meralg1<TAB>rotations<TAB>500<TAB>--lr 0.1 --beta 0.01 --memories 500 ...'; '-' for no memory."
                + " Every run also gets mer_examples.sh's common flags: --n_layers 2 --n_hiddens 100 --batch_size 1"
                + " --log_every 100 --samples_per_task 1000 (200 on manypermutations).", "",
            "Examples:",
            "  mer suite --filter model=meralg1,dataset=rotations --seeds 0-4",
            "  mer suite --filter 'model=online|eralg4|meralg1,memories=500|-' \\",
            "            --samples-per-task 100 --out results/small",
            "  mer suite --grid my_grid.tsv --data data --out results/mine --jobs 2",
            "  mer suite --dry-run",
            "  mer suite --filter dataset=rotations --out /shared/mer/rot --slurm --partition cpu --time 4:00:00",
            "  mer suite --filter dataset=rotations --out /shared/mer/rot --status"})
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

    @Mixin
    SeedsOption seeds = new SeedsOption("0-4");

    @Mixin
    JobsOption jobs = new JobsOption();

    @Mixin
    DataOption data = new DataOption();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("results", "suite");

    /** No default: each grid row's own (its description: SuiteHelp.properties). */
    @Mixin
    SamplesPerTaskOption samplesPerTask = new SamplesPerTaskOption(null);

    @Option(names = "--dry-run", description = "List the runs and which are already done; run nothing.")
    boolean dryRun;

    @Option(names = "--list", description = "Print the selection's runs as numbered cells (TSV: cell, model, dataset,"
            + " memories, seed, id, state), the numbers --cell takes; run nothing.")
    boolean list;

    @Option(names = "--cell", arity = "0..1", fallbackValue = CellChoice.FROM_ENVIRONMENT, paramLabel = "I|env",
            description = "Run only cell I (see --list), as the whole suite would run it, or nothing if it is done."
                    + " Without a value (or 'env'): the cell of this job array task, from SLURM_ARRAY_TASK_ID or"
                    + " JOB_COMPLETION_INDEX (Kubernetes); these are read only with this option.")
    String cell;

    @Option(names = "--selection-id", paramLabel = "ID",
            description = "With --cell: run only if the selection's cells are still those of ID (--slurm passes it,"
                    + " so that a grid file edited after submitting cannot renumber a job's cells).")
    String selectionId;

    @Option(names = "--cells-per-task", paramLabel = "N",
            description = "With --cell env and --slurm: array task t runs cells t*N to t*N+N-1 (default: 1).")
    Integer cellsPerTask;

    @Option(names = "--slurm", description = "Write OUT/slurm/suite.sbatch, a Slurm job array over the cells still to"
            + " do, submit it with sbatch and print the job id.")
    boolean slurm;

    @Option(names = "--slurm-script-only", description = "Write the --slurm script without submitting it.")
    boolean slurmScriptOnly;

    @Option(names = "--partition", paramLabel = "P", description = "--slurm: the partition.")
    String partition;

    @Option(names = "--time", paramLabel = "T", description = "--slurm: time limit of one array task (e.g. 4:00:00).")
    String time;

    @Option(names = "--cpus-per-task", paramLabel = "C",
            description = "--slurm: CPUs of an array task (default: 2, one training, one evaluating; --jobs C/2).")
    Integer cpusPerTask;

    @Option(names = "--mem", paramLabel = "M", description = "--slurm: memory of an array task (e.g. 4G).")
    String mem;

    @Option(names = "--max-parallel", paramLabel = "K", description = "--slurm: at most K array tasks at once.")
    Integer maxParallel;

    @Option(names = "--sbatch-arg", paramLabel = "ARG",
            description = "--slurm: another sbatch option, e.g. --sbatch-arg=--account=proj (repeatable).")
    List<String> sbatchArgs = new ArrayList<>();

    @Option(names = "--status", description = "Report which cells are done, running, queued (squeue) or to do from"
            + " OUT's result files; once all are done, (re)write OUT/summary.md and summary.csv.")
    boolean status;

    @Option(names = "--summarize", description = "(Re)write OUT/summary.md and summary.csv from OUT's result files;"
            + " run nothing.")
    boolean summarize;

    /** The environment {@code --cell env} reads; tests give their own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SuiteOptions options;
        try {
            options = new SuiteOptions(grid == null ? Grid.paper() : Grid.read(grid), GridFilter.parse(filter),
                    seeds.parse(), jobs.jobs(), data.directory(), out, samplesPerTask.value());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
        checkModes();
        if (summarize) {
            return summarize(stdout);
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
                Path dir = Suite.taskSetDirectory(data.directory(), d);
                if (!Files.isDirectory(dir)) {
                    stdout.println("missing task-set " + dir + ": " + Protocol.howToGet(d));
                }
            }
            stdout.flush();
            return 0;
        }
        if (list) {
            stdout.println("cell\tmodel\tdataset\tmemories\tseed\tid\tstate");
            for (SuiteCell c : suite.cells()) {
                GridRow row = c.run().row();
                stdout.println(c.index() + "\t" + row.model() + "\t" + row.dataset() + "\t" + row.memoriesText() + "\t"
                        + c.run().seed() + "\t" + c.id() + "\t" + (plan.done().contains(c.run()) ? "done" : "to do"));
            }
            stdout.flush();
            return 0;
        }
        if (status) {
            return status(suite, plan, stdout);
        }
        if (slurm || slurmScriptOnly) {
            return slurm(suite, plan, options, stdout);
        }
        if (cell != null) {
            return cells(suite, plan, stdout, err);
        }
        VectorModule.require("suite");
        err.println("mer suite: " + header);
        err.flush();
        stopOnSignals(suite, err);
        SuiteOutcome outcome = suite.run(new RunLines(err, "mer suite"));
        if (outcome.failed().isEmpty() && !outcome.notRun().isEmpty()) {
            return stopped(outcome, err);
        }
        SuiteSummary summary = Suite.writeSummary(out);
        stdout.print(summary.markdown());
        stdout.println();
        stdout.printf(Locale.ROOT, "%d runs now, %d done before, %d failed (%s); summary: %s%n",
                outcome.ran().size(), outcome.alreadyDone().size(), outcome.failed().size(),
                Units.duration(outcome.seconds()), summary.files());
        stdout.flush();
        if (!outcome.failed().isEmpty()) {
            return failures(outcome, plan.pending().size(), err);
        }
        return 0;
    }

    /** One of the modes at most, and the options of a mode only with it: a typo is not silently ignored. */
    private void checkModes() throws InvalidInputException {
        List<String> modes = new ArrayList<>();
        if (dryRun) {
            modes.add("--dry-run");
        }
        if (list) {
            modes.add("--list");
        }
        if (cell != null) {
            modes.add("--cell");
        }
        if (slurm) {
            modes.add("--slurm");
        }
        if (slurmScriptOnly) {
            modes.add("--slurm-script-only");
        }
        if (status) {
            modes.add("--status");
        }
        if (summarize) {
            modes.add("--summarize");
        }
        if (modes.size() > 1) {
            throw new InvalidInputException(null, String.join(" and ", modes) + " do not go together: choose one");
        }
        boolean job = slurm || slurmScriptOnly;
        List<String> jobOnly = new ArrayList<>();
        if (partition != null) {
            jobOnly.add("--partition");
        }
        if (time != null) {
            jobOnly.add("--time");
        }
        if (cpusPerTask != null) {
            jobOnly.add("--cpus-per-task");
        }
        if (mem != null) {
            jobOnly.add("--mem");
        }
        if (maxParallel != null) {
            jobOnly.add("--max-parallel");
        }
        if (!sbatchArgs.isEmpty()) {
            jobOnly.add("--sbatch-arg");
        }
        if (!job && !jobOnly.isEmpty()) {
            throw new InvalidInputException(null, String.join(", ", jobOnly) + " go" + (jobOnly.size() == 1 ? "es" : "")
                    + " with --slurm");
        }
        if (selectionId != null && cell == null) {
            throw new InvalidInputException(null, "--selection-id goes with --cell");
        }
        if (cellsPerTask != null && !job && cell == null) {
            throw new InvalidInputException(null, "--cells-per-task goes with --slurm or --cell env");
        }
    }

    /** {@code --cell}: the chosen cells, each run as the whole suite runs it, or nothing if done. */
    private int cells(Suite suite, SuitePlan plan, PrintWriter stdout, PrintWriter err) throws Exception {
        List<SuiteCell> cells = suite.cells();
        CellChoice choice;
        try {
            choice = CellChoice.of(cell, cellsPerTask == null ? 1 : cellsPerTask, environment, cells.size());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
        if (selectionId != null && !selectionId.equals(SuiteCell.selectionId(cells))) {
            throw new InvalidInputException(grid, "the selection has changed since the job was submitted (selection id "
                    + SuiteCell.selectionId(cells) + ", not " + selectionId + "): the grid file or the options differ, so"
                    + " the cells are numbered otherwise; submit again");
        }
        List<SuiteRun> chosen = new ArrayList<>();
        for (int i : choice.indices()) {
            SuiteCell c = cells.get(i);
            String name = "cell " + i + " of " + cells.size() + " (" + c.run().label() + ", id " + c.id() + ")";
            if (plan.done().contains(c.run())) {
                err.println("mer suite: " + name + " is done (" + c.run().resultFile(out) + "): nothing to run");
            } else {
                err.println("mer suite: " + name + " from " + choice.source());
                chosen.add(c.run());
            }
        }
        err.flush();
        if (chosen.isEmpty()) {
            return 0;
        }
        VectorModule.require("suite");
        // TERM (a job's time limit, a requeue, preemption): the runs under way write their
        // checkpoints and the job ends with the code that says "run me again"
        stopOnSignals(suite, err);
        SuiteOutcome outcome = suite.run(chosen, new RunLines(err, "mer suite"));
        if (!outcome.failed().isEmpty()) {
            return failures(outcome, chosen.size(), err);
        }
        if (!outcome.notRun().isEmpty()) {
            return stopped(outcome, err);
        }
        // The summary is left to --status or --summarize, run once: array tasks ending together
        // would write it at the same moment through the same temporary file.
        SuitePlan after = suite.plan();
        if (after.pending().isEmpty()) {
            stdout.printf(Locale.ROOT, "all %d cells done: mer suite --status (or --summarize) with the same options"
                    + " writes the summary%n", after.runs().size());
        }
        stdout.flush();
        return 0;
    }

    /** {@code --slurm}: the job array's script in OUT/slurm, submitted unless {@code --slurm-script-only}. */
    private int slurm(Suite suite, SuitePlan plan, SuiteOptions options, PrintWriter stdout) throws Exception {
        List<SuiteCell> cells = suite.cells();
        // cells running or queued in an earlier submission are left to it: two processes on one
        // cell would write the same temporary files
        SuiteStatus status = status(cells, plan);
        List<Integer> pending = cells.stream()
                .filter(c -> status.states().get(c.index()) == SuiteStatus.State.TO_DO).map(SuiteCell::index).toList();
        int elsewhere = status.count(SuiteStatus.State.RUNNING) + status.count(SuiteStatus.State.QUEUED);
        if (pending.isEmpty()) {
            stdout.printf(Locale.ROOT, elsewhere == 0
                    ? "all %d cells are done: nothing to submit (mer suite --status writes the summary)%n"
                    : "%d cells, none to submit: " + elsewhere + " running or queued in earlier jobs, the rest done%n",
                    cells.size());
            stdout.flush();
            return 0;
        }
        // what each array task will find, checked once here rather than failing in every task; the
        // finished runs too (as a local suite does), lest the job add runs made otherwise to them
        suite.checkReady(plan.runs());
        SlurmOptions job;
        try {
            int cpus = cpusPerTask == null ? SlurmOptions.DEFAULT_CPUS_PER_TASK : cpusPerTask;
            job = new SlurmOptions(Optional.ofNullable(partition), Optional.ofNullable(time), cpus,
                    Optional.ofNullable(mem), maxParallel == null ? OptionalInt.empty() : OptionalInt.of(maxParallel),
                    cellsPerTask == null ? 1 : cellsPerTask, SlurmOptions.DEFAULT_SIGNAL_SECONDS, sbatchArgs);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
        List<String> arguments = new ArrayList<>();
        if (grid != null) {
            arguments.addAll(List.of("--grid", grid.toString()));
        }
        if (!filter.isBlank()) {
            arguments.addAll(List.of("--filter", filter));
        }
        arguments.addAll(List.of("--seeds", seeds.text(), "--data", data.directory().toString(), "--out", out.toString()));
        samplesPerTask.value().ifPresent(n -> arguments.addAll(List.of("--samples-per-task", Integer.toString(n))));
        // runs at a time within a task: what its CPUs hold, unless given
        arguments.addAll(List.of("--jobs", Integer.toString(jobs.given().orElse(Math.max(1, job.cpusPerTask() / 2)))));
        arguments.addAll(List.of("--selection-id", SuiteCell.selectionId(cells)));
        SlurmScript script;
        try {
            script = new SlurmScript(job, JobLauncher.current(), arguments, Path.of("").toAbsolutePath(),
                    Slurm.directory(out.toAbsolutePath()), pending, cells.size());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
        Path file = Slurm.writeScript(out, script);
        if (slurmScriptOnly) {
            stdout.printf(Locale.ROOT, "%s: %d cells to do of %d, %d array tasks (--array=%s); submit it with"
                    + " sbatch %s%n", file, pending.size(), cells.size(), script.tasks().size(), script.array(), file);
            stdout.flush();
            return 0;
        }
        String id = Slurm.commands().submit(file);
        Slurm.recordJob(out, new Slurm.Job(id, job.cellsPerTask()));
        stdout.println(id);
        stdout.flush();
        spec.commandLine().getErr().printf(Locale.ROOT, "mer suite: submitted job %s: %d cells to do of %d in %d array"
                + " tasks (%s); mer suite --status with the same options tells where they are%n", id, pending.size(),
                cells.size(), script.tasks().size(), file);
        spec.commandLine().getErr().flush();
        return 0;
    }

    /** {@code --status}: each cell's state; the summary once all are done. */
    private int status(Suite suite, SuitePlan plan, PrintWriter stdout) throws Exception {
        SuiteStatus st = status(suite.cells(), plan);
        boolean submitted = !Slurm.jobs(out).isEmpty();
        List<String> counts = new ArrayList<>();
        for (Map.Entry<SuiteStatus.State, Integer> e : st.counts().entrySet()) {
            counts.add(e.getValue() + " " + e.getKey().label());
        }
        stdout.printf(Locale.ROOT, "%d cells: %s%s%n", st.cells().size(), String.join(", ", counts),
                !submitted || st.queueKnown() ? "" : " (squeue did not answer: running and queued cells count"
                        + " as to do)");
        for (SuiteCell c : st.cells()) {
            SuiteStatus.State s = st.states().get(c.index());
            if (s != SuiteStatus.State.DONE) {
                // a cell stopped part-way continues from its checkpoint rather than from its first example
                stdout.printf(Locale.ROOT, "%-8s %4d  %s (id %s)%s%n", s.label(), c.index(), c.run().label(), c.id(),
                        Files.exists(Suite.checkpointFile(c.run(), out)) ? ", checkpointed" : "");
            }
        }
        if (st.allDone()) {
            stdout.printf(Locale.ROOT, "all done; summary: %s%n", Suite.writeSummary(out).files());
        }
        stdout.flush();
        return 0;
    }

    /** Each cell's state: done from OUT's result files, running or queued from squeue for OUT's jobs. */
    private SuiteStatus status(List<SuiteCell> cells, SuitePlan plan) throws IOException {
        List<Slurm.Job> submitted = Slurm.jobs(out);
        return SuiteStatus.of(cells, plan.done(), submitted,
                submitted.isEmpty() ? Optional.empty() : Slurm.commands().queue());
    }

    /** {@code --summarize}: the summary of every result file in OUT. */
    private int summarize(PrintWriter stdout) throws Exception {
        if (!Files.isDirectory(out.resolve("runs"))) {
            throw new InvalidInputException(out, "no results to summarise (no runs/ directory)");
        }
        SuiteSummary summary = Suite.writeSummary(out);
        stdout.print(summary.markdown());
        stdout.println();
        stdout.printf(Locale.ROOT, "summary: %s%n", summary.files());
        stdout.flush();
        return 0;
    }

    /** SIGTERM and SIGINT cancel the suite: the runs under way checkpoint at their next step. */
    private static void stopOnSignals(Suite suite, PrintWriter err) {
        StopRequests.install(err, "stopping the runs under way at their next step, each writing its checkpoint",
                suite::cancel);
    }

    /** A suite stopped by a signal: what is left, and the exit code that says "run me again". */
    private static int stopped(SuiteOutcome outcome, PrintWriter err) {
        err.printf(Locale.ROOT, "mer suite: stopped; %d runs finished, %d left (those under way checkpointed): run the"
                + " same command again to continue%n", outcome.ran().size(), outcome.notRun().size());
        err.flush();
        return RunStopped.EXIT_CODE;
    }

    /** The failed runs, one line each, and the exit code of a user error. */
    private static int failures(SuiteOutcome outcome, int attempted, PrintWriter err) {
        for (Map.Entry<SuiteRun, Exception> e : outcome.failed().entrySet()) {
            String message = UserErrors.userMessage(e.getValue());
            err.println("mer: " + e.getKey().label() + " failed: " + (message != null ? message : e.getValue().toString()));
        }
        err.println("mer: " + outcome.failed().size() + " of " + attempted + " runs failed;"
                + " run the same command again to retry them");
        err.flush();
        return Mer.EXIT_USER_ERROR;
    }
}
