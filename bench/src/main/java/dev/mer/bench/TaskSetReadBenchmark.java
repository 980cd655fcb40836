package dev.mer.bench;

import dev.mer.dataset.Split;
import dev.mer.dataset.TaskRows;
import dev.mer.dataset.TaskSet;
import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import dev.mer.dataset.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading a memory-mapped task-set: sequential decode of every training row (throughput), random
 * single-row reads (latency) and opening (footer and batch headers only). The task-set is written
 * once per trial into a temporary directory and stays in the page cache, as in training.
 *
 * <p>Run: {@code bench/dataset-read.sh}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TaskSetReadBenchmark {
    /** Rows per train task; 20 tasks of 784 inputs. */
    static final int TASKS = 20;
    static final int ROWS = 20_000;
    static final int RANDOM_READS = 1024;

    @Param({"uint8", "float32"})
    public String encoding;

    Path dir;
    BufferAllocator allocator;
    TaskSet set;
    TaskRows[] tasks;
    float[] row = new float[784];
    int[] randomTask = new int[RANDOM_READS];
    int[] randomRow = new int[RANDOM_READS];

    @Setup(Level.Trial)
    public void write() throws IOException {
        allocator = new RootAllocator();
        dir = Files.createTempDirectory("mer-bench").resolve("set");
        XEncoding e = XEncoding.fromJsonName(encoding);
        TaskSetFixtures.write(dir, 1, TASKS, ROWS, 10, e, List.of(28, 28), 64L << 20, 2000, allocator);
        set = TaskSet.open(dir, allocator);
        tasks = new TaskRows[TASKS];
        for (int t = 0; t < TASKS; t++) {
            tasks[t] = set.train().task(t);
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < RANDOM_READS; i++) {
            randomTask[i] = r.nextInt(TASKS);
            randomRow[i] = r.nextInt(ROWS);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        set.close();
        allocator.close();
        FileTrees.delete(dir.getParent());
    }

    /** Decodes every training row to float32, as the trainer does: bytes/s = stored bytes / time. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float sequentialDecodeAllTrainRows() {
        float acc = 0;
        for (TaskRows t : tasks) {
            for (int r = 0; r < t.rows(); r++) {
                t.copyRow(r, row, 0);
                acc += row[r % 784] + t.label(r);
            }
        }
        return acc;
    }

    /** One random (task, row) read with its label. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(RANDOM_READS)
    public void randomRow(Blackhole bh) {
        for (int i = 0; i < RANDOM_READS; i++) {
            TaskRows t = tasks[randomTask[i]];
            t.copyRow(randomRow[i], row, 0);
            bh.consume(row[i % 784]);
            bh.consume(t.label(randomRow[i]));
        }
    }

    /** Opening the task-set: footers and batch headers, no data. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int openTaskSet() throws IOException {
        try (TaskSet s = TaskSet.open(dir, allocator)) {
            return s.manifest().taskCount() + s.split(Split.TEST).batchCount();
        }
    }
}
