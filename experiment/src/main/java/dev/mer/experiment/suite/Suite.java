package dev.mer.experiment.suite;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.TaskSet;
import dev.mer.experiment.grid.Protocol;
import dev.mer.experiment.results.RunRecord;
import dev.mer.experiment.summary.PublishedFigures;
import dev.mer.experiment.summary.Summary;
import dev.mer.experiment.summary.SummaryRow;
import dev.mer.experiment.summary.SummaryTables;
import dev.mer.train.Flag;
import dev.mer.train.Flags;
import dev.mer.train.MainPyArgs;
import dev.mer.train.ResultFiles;
import dev.mer.train.RunResult;
import dev.mer.train.TrainArguments;
import dev.mer.train.TrainConfig;
import dev.mer.train.TrainProgress;
import dev.mer.train.Trainer;
import dev.mer.train.checkpoint.CheckpointFile;
import dev.mer.train.checkpoint.CheckpointPolicy;
import dev.mer.train.checkpoint.RunStopped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a suite: every pending run of the {@link SuitePlan}, {@link SuiteOptions#jobs} at a time on
 * worker threads of this process, each task-set opened once and shared by all runs on it (reads
 * are memory-mapped and thread-safe). Each run's {@code .txt} and {@code .json} are written
 * atomically, the JSON last with a {@code "suite"} block (the grid's dataset name, memory size and
 * row flags), so a finished run is never recomputed and an interrupted suite continues where it
 * stopped. Before any run starts, every task-set needed must exist, and finished runs in the output
 * directory must have been run with the arguments this suite would use.
 */
public final class Suite {
    private static final Logger LOG = LoggerFactory.getLogger(Suite.class);

    private final SuiteOptions options;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A suite of {@code options}; nothing runs before {@link #run}. */
    public Suite(SuiteOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The runs selected and which are finished, as of now. */
    public SuitePlan plan() {
        return SuitePlan.of(options);
    }

    /**
     * Stops the runs under way at their next step, each writing its checkpoint, and starts no
     * other: {@link #run} then returns with them and the rest in {@link SuiteOutcome#notRun}, and
     * the next run of the suite continues them where they stopped. May be called from any thread
     * (a signal handler's, a listener's).
     */
    public void cancel() {
        cancelled.set(true);
    }

    /** The task-set directory of a grid dataset under {@code data}. */
    public static Path taskSetDirectory(Path data, String dataset) {
        return data.resolve(Protocol.taskSetName(dataset));
    }

    /**
     * The plan's runs numbered as cells, in plan order: cell {@code i} is the same run wherever and
     * whenever the same selection is planned (what a cluster job array indexes).
     */
    public List<SuiteCell> cells() {
        List<SuiteRun> runs = plan().runs();
        List<SuiteCell> cells = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            cells.add(SuiteCell.of(i, runs.get(i), options.samplesPerTask()));
        }
        return cells;
    }

    /**
     * Runs every pending run.
     *
     * @throws InvalidInputException before any run if a task-set is missing, or a finished run was
     *     made with other arguments
     */
    public SuiteOutcome run(SuiteListener listener) throws IOException {
        return run(plan().runs(), listener);
    }

    /**
     * Runs the pending runs among {@code selected} (cells of a job array), exactly as {@link
     * #run(SuiteListener)} runs them: same files, same bytes.
     *
     * @throws InvalidInputException before any run if a task-set is missing, or a finished run of
     *     {@code selected} was made with other arguments
     */
    public SuiteOutcome run(Collection<SuiteRun> selected, SuiteListener listener) throws IOException {
        SuitePlan plan = plan();
        Set<SuiteRun> chosen = Set.copyOf(selected);
        List<SuiteRun> pending = plan.pending().stream().filter(chosen::contains).toList();
        checkReady(plan, chosen);
        Set<String> datasets = new LinkedHashSet<>();
        for (SuiteRun r : pending) {
            datasets.add(r.row().dataset());
        }
        List<SuiteRun> alreadyDone = plan.runs().stream().filter(r -> chosen.contains(r) && plan.done().contains(r))
                .toList();
        for (SuiteRun r : alreadyDone) {
            // a run killed after its .json was written, before its checkpoint was deleted
            CheckpointFile.delete(checkpointFile(r, options.out()));
        }
        long start = System.nanoTime();
        List<SuiteRun> ran = Collections.synchronizedList(new ArrayList<>());
        Map<SuiteRun, Exception> failed = Collections.synchronizedMap(new LinkedHashMap<>());
        List<SuiteRun> notRun = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger threadNumber = new AtomicInteger();
        try (BufferAllocator allocator = new RootAllocator(); TaskSets sets = new TaskSets(allocator)) {
            for (String d : datasets) {
                sets.open(d, taskSetDirectory(options.data(), d));
            }
            ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
                Thread t = new Thread(r, "mer-suite-" + threadNumber.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            Object lock = new Object();
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (SuiteRun run : pending) {
                    futures.add(pool.submit(() -> {
                        if (cancelled.get()) {
                            notRun.add(run);
                            return;
                        }
                        try {
                            RunResult result = runOne(run, sets.get(run.row().dataset()));
                            if (result == null) {
                                notRun.add(run); // stopped, its checkpoint written
                                return;
                            }
                            synchronized (lock) {
                                ran.add(run);
                                listener.finished(run, result, progress(ran, failed, pending, start));
                            }
                        } catch (Exception e) {
                            LOG.warn("{} failed", run.label(), e);
                            synchronized (lock) {
                                failed.put(run, e);
                                listener.failed(run, e, progress(ran, failed, pending, start));
                            }
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new java.io.InterruptedIOException("interrupted while running the suite");
            } catch (ExecutionException e) {
                throw new IllegalStateException("a suite worker failed outside a run", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return new SuiteOutcome(ran, alreadyDone, failed, notRun, (System.nanoTime() - start) / 1e9);
    }

    private static SuiteProgress progress(List<SuiteRun> ran, Map<SuiteRun, Exception> failed, List<SuiteRun> pending,
                                          long start) {
        return new SuiteProgress(ran.size(), failed.size(), pending.size(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * The least training time between two of a run's checkpoints at task starts: a paper-scale run
     * (minutes to hours) loses at most a minute or a task to a kill without warning, and the
     * demo's runs of seconds pay no durable write but a signal's.
     */
    static final double CHECKPOINT_SECONDS = 60;

    /**
     * The checkpoint of a run under way: {@code seed_<k>.ckpt} beside the result files to come,
     * deleted once they are written. A suite's run is checkpointed at a task's start once a minute
     * or more of training has passed since the last, and when the suite is cancelled; it always
     * resumes from its checkpoint.
     */
    public static Path checkpointFile(SuiteRun run, Path out) {
        return run.directory(out).resolve(run.stem() + ".ckpt");
    }

    /** Runs one run to its result files; null when it was stopped by {@link #cancel} (its checkpoint written). */
    private RunResult runOne(SuiteRun run, TaskSet set) throws IOException {
        TrainArguments arguments = run.row().arguments(run.seed(), options.samplesPerTask());
        TrainConfig config = arguments.config();
        LOG.debug("starting {}", run.label());
        RunResult result;
        Path dir = run.directory(options.out());
        Path checkpoint = checkpointFile(run, options.out());
        Files.createDirectories(dir);
        try {
            // a run stopped before its .json was written (Ctrl-C, a job's time limit, a requeue,
            // a killed process) continues from its checkpoint
            result = Trainer.run(set, config, TrainProgress.Listener.NONE, CheckpointPolicy.at(checkpoint, 0,
                    cancelled::get).withMinSeconds(CHECKPOINT_SECONDS));
        } catch (RunStopped e) {
            LOG.debug("{} stopped: {}", run.label(), e.getMessage());
            return null;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(set.directory(), e.getMessage(), e);
        }
        Map<String, Object> suite = new LinkedHashMap<>();
        suite.put("grid", options.grid().source());
        suite.put("dataset", run.row().dataset());
        suite.put("memories", run.row().memories().isPresent() ? run.row().memories().getAsInt() : null);
        suite.put("args", run.row().args().toString());
        suite.put("seed", run.seed());
        MainPyArgs mainPy = arguments.with(Flags.SAVE_PATH.name(), dir.toString())
                .with(Flags.DATA_PATH.name(), options.data().toString())
                .with(Flags.DATA_FILE.name(), Protocol.taskSetName(run.row().dataset()) + ".pt").mainPyArgs();
        ResultFiles.write(result, mainPy, dir, run.stem(), suite);
        CheckpointFile.delete(checkpoint);
        return result;
    }

    /**
     * Checks what {@link #run(Collection, SuiteListener)} checks before any run, without running:
     * the task-sets of the pending runs among {@code selected} exist, and its finished ones were run
     * with this suite's arguments (a cluster submission checks this before queueing anything).
     *
     * @throws InvalidInputException naming the missing task-set or the mismatched result file
     */
    public void checkReady(Collection<SuiteRun> selected) throws IOException {
        checkReady(plan(), Set.copyOf(selected));
    }

    private void checkReady(SuitePlan plan, Set<SuiteRun> selected) throws IOException {
        checkFinished(plan, selected);
        Set<String> datasets = new LinkedHashSet<>();
        for (SuiteRun r : plan.pending()) {
            if (selected.contains(r)) {
                datasets.add(r.row().dataset());
            }
        }
        for (String d : datasets) {
            Path dir = taskSetDirectory(options.data(), d);
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException(dir, "no such task-set (" + d + " in the grid): " + Protocol.howToGet(d)
                        + (options.data().equals(Path.of("data")) ? "" : " with --out " + dir));
            }
        }
    }

    /**
     * Rewrites {@code OUT/summary.md} and {@code OUT/summary.csv} from every result file under
     * {@code OUT/runs} (atomically, as {@link SummaryTables#write} does): what a suite writes when it
     * ends, and what a job array's results are summarised with once its last cell is done.
     *
     * @return the summary written, with the table and the files' paths a command prints
     */
    public static SuiteSummary writeSummary(Path out) throws IOException {
        List<RunRecord> records = RunRecord.readAll(List.of(out.resolve("runs")));
        List<SummaryRow> rows = Summary.of(records);
        PublishedFigures paper = PublishedFigures.paper();
        SummaryTables.write(out, rows, paper);
        return new SuiteSummary(rows, SummaryTables.markdown(rows, paper), out.resolve(SummaryTables.MARKDOWN_FILE),
                out.resolve(SummaryTables.CSV_FILE));
    }

    /** Finished runs must be the runs this suite would make: otherwise mixing them would be wrong. */
    private void checkFinished(SuitePlan plan, Set<SuiteRun> selected) throws IOException {
        for (SuiteRun run : plan.runs()) {
            if (!plan.done().contains(run) || !selected.contains(run)) {
                continue;
            }
            Path file = run.resultFile(options.out());
            RunRecord record = RunRecord.read(file);
            TrainConfig expected = run.row().arguments(run.seed(), options.samplesPerTask()).config();
            for (Map.Entry<String, Object> e : expected.asArguments("").entrySet()) {
                String key = e.getKey();
                if (Flags.named(key).role() != Flag.Role.TRAINING && Flags.named(key).role() != Flag.Role.MODEL) {
                    continue;
                }
                Object recorded = record.arguments().get(key);
                if (!same(e.getValue(), recorded)) {
                    throw new InvalidInputException(file, "was run with " + key + " " + recorded + ", this suite"
                            + " would use " + e.getValue() + ": use another --out, or remove the file to run it again");
                }
            }
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    /** The task-sets of a suite, each opened once. */
    private static final class TaskSets implements AutoCloseable {
        private final BufferAllocator allocator;
        private final Map<String, TaskSet> sets = new LinkedHashMap<>();

        TaskSets(BufferAllocator allocator) {
            this.allocator = allocator;
        }

        void open(String dataset, Path dir) throws IOException {
            sets.put(dataset, TaskSet.open(dir, allocator));
        }

        TaskSet get(String dataset) {
            return sets.get(dataset);
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (TaskSet s : sets.values()) {
                try {
                    s.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
