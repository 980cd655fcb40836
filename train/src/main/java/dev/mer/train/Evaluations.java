package dev.mer.train;

import dev.mer.train.learner.Learner;
import dev.mer.train.network.Network;
import dev.mer.train.metrics.Evaluation;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run's evaluations, computed on other threads from snapshots of the weights while training
 * goes on: on two cores evaluation and training overlap instead of adding up, and the results are
 * those of evaluating at each point. At most {@value #MAX_PENDING} snapshots wait at a time, which
 * bounds memory when evaluation is the slower side; then up to one thread per core evaluates
 * waiting snapshots side by side (a memoryless model's short run is mostly evaluations), each
 * result still taken in submission order. {@code MER_OVERLAP_EVALUATION=0} evaluates
 * in line instead, for measurements (BENCHMARKS.md, "Measured choices in the training code").
 */
final class Evaluations implements AutoCloseable {
    static final int MAX_PENDING = 4;

    private final Evaluator evaluator;
    private final int tasks;
    private final ExecutorService threads = Executors.newFixedThreadPool(
            Math.max(1, Math.min(MAX_PENDING, Runtime.getRuntime().availableProcessors())), r -> {
                Thread t = new Thread(r, "mer-evaluate");
                t.setDaemon(true);
                return t;
            });
    private final Semaphore pending = new Semaphore(MAX_PENDING);
    private final List<Future<Evaluation>> results = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private volatile float latestMean = Float.NaN;

    private final boolean overlap = !"0".equals(System.getenv("MER_OVERLAP_EVALUATION"));

    /** Has {@link Network#compileAhead} done (or not wanted) before the first evaluation starts. */
    private final Future<?> compiled;

    /**
     * Evaluations by {@code evaluator} of learners over {@code tasks} tasks, whose networks are
     * like {@code network}: one of the threads first has its kernels compiled
     * ({@link Network#compileAhead}), and evaluations wait for that — while the training thread
     * goes on — rather than run them uncompiled. {@code MER_COMPILE_AHEAD=0} skips it, for
     * measurements (BENCHMARKS.md, "Measured choices in the training code").
     */
    Evaluations(Evaluator evaluator, int tasks, Network network) {
        this.evaluator = evaluator;
        this.tasks = tasks;
        boolean ahead = overlap && !"0".equals(System.getenv("MER_COMPILE_AHEAD"));
        this.compiled = ahead ? threads.submit(network::compileAhead)
                : java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Snapshots the learner now (on the caller's thread) and queues its evaluation. */
    void submit(int task, long batchesSeen, Learner learner) throws InterruptedIOException {
        Snapshot snapshot = Snapshot.of(learner, tasks);
        try {
            pending.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an evaluation");
        }
        java.util.concurrent.Callable<Evaluation> job = () -> {
            try {
                compiled.get();
                long t0 = System.nanoTime();
                float[] accuracies = evaluator.evaluate(snapshot);
                nanos.addAndGet(System.nanoTime() - t0);
                Evaluation e = new Evaluation(task, batchesSeen, accuracies);
                latestMean = e.meanAccuracy();
                return e;
            } finally {
                pending.release();
            }
        };
        if (overlap) {
            results.add(threads.submit(job));
        } else {
            java.util.concurrent.FutureTask<Evaluation> now = new java.util.concurrent.FutureTask<>(job);
            now.run();
            results.add(now);
        }
    }

    /** The mean accuracy of the latest finished evaluation (NaN before the first). */
    float latestMean() {
        return latestMean;
    }

    /** Waits for every evaluation; returns them in submission order. */
    List<Evaluation> await() throws IOException {
        List<Evaluation> log = new ArrayList<>(results.size());
        for (Future<Evaluation> f : results) {
            try {
                log.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for an evaluation");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return log;
    }

    /**
     * Counts {@code log}, a resumed run's earlier evaluations, as already made: they come first in
     * {@link #await}'s list. Call before the first {@link #submit}.
     */
    void restore(List<Evaluation> log) {
        if (!results.isEmpty()) {
            throw new IllegalStateException("evaluations already submitted");
        }
        for (Evaluation e : log) {
            results.add(java.util.concurrent.CompletableFuture.completedFuture(e));
            latestMean = e.meanAccuracy();
        }
    }

    /** Time spent evaluating in this process, summed over evaluations (overlapping training). */
    double secondsThisSession() {
        return nanos.get() / 1e9;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
