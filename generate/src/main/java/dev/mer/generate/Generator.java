package dev.mer.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.Manifest;
import dev.mer.dataset.MerVersion;
import dev.mer.dataset.Provenance;
import dev.mer.dataset.Split;
import dev.mer.dataset.SplitWriter;
import dev.mer.dataset.TaskInfo;
import dev.mer.dataset.TaskKind;
import dev.mer.dataset.TaskSetWriter;
import dev.mer.dataset.XEncoding;
import dev.mer.dataset.progress.Progress;
import dev.mer.generate.idx.IdxDataset;
import dev.mer.generate.transform.PixelMap;
import dev.mer.random.TorchGenerator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Generates a benchmark (rotations, permutations) from an {@link IdxDataset} into a task-set
 * directory, uint8-encoded: every output byte is a source pixel, so nothing is lost.
 *
 * <p>Semantics follow GEM's {@code data/mnist_rotations.py} and {@code data/mnist_permutations.py}
 * (facebookresearch/GradientEpisodicMemory), minus their irreproducibility. What makes each task
 * differ is its benchmark's {@link BenchmarkFamily} ({@link RotationFamily},
 * {@link PermutationFamily}); the rest is the same for every family:
 * <ul>
 * <li>Subsampling, when asked, takes {@code torch.randperm(n)[:k]} per task from a second
 *     generator seeded alike (as GEM's {@code Continuum} picks its examples): the train subsets of
 *     every task first, then the test subsets.</li>
 * </ul>
 * <p>The draws and their sources: {@code docs/formats/random-streams.md} §4–§5.
 *
 * <p>Tasks are computed by a pool of threads and written in order; at most {@code threads + 1}
 * tasks are in memory at a time (in reused buffers), whatever the number of tasks. The output is written atomically:
 * on any failure nothing is left at the destination.
 */
public final class Generator {
    private final GenerateOptions options;
    private final int threads;
    private final Progress progress;

    /**
     * @param options what to generate
     * @param threads worker threads computing tasks (the calling thread writes), at least 1
     * @param progress told the images written after every task, and which task
     */
    public Generator(GenerateOptions options, int threads, Progress progress) {
        if (threads <= 0) {
            throw new IllegalArgumentException("Invalid number of threads: " + threads);
        }
        this.options = options;
        this.threads = threads;
        this.progress = progress;
    }

    /**
     * The tasks to generate from {@code source}: their transforms and images, before any pixel is
     * touched.
     */
    public List<TaskPlan> plan(IdxDataset source) throws InvalidInputException {
        int n = options.tasks();
        List<TaskTransform> transforms = options.benchmark().family().transforms(options, source);
        checkSubset(source.trainCount(), options.trainPerTask(), "train");
        checkSubset(source.testCount(), options.testPerTask(), "test");
        TorchGenerator subsample = new TorchGenerator(options.seed());
        int[][] trainRows = draw(subsample, source.trainCount(), options.trainPerTask(), n);
        int[][] testRows = draw(subsample, source.testCount(), options.testPerTask(), n);
        List<TaskPlan> plans = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            plans.add(new TaskPlan(t, transforms.get(t).parameter(), transforms.get(t).map(), trainRows[t], testRows[t]));
        }
        return plans;
    }

    private static void checkSubset(int available, int perTask, String split) throws InvalidInputException {
        if (perTask != GenerateOptions.ALL_ROWS && perTask > available) {
            throw new InvalidInputException(null, perTask + " " + split
                    + " images per task requested, but the source has only " + available);
        }
    }

    private static int[][] draw(TorchGenerator g, int available, int perTask, int tasks) {
        int[][] rows = new int[tasks][];
        if (perTask == GenerateOptions.ALL_ROWS) {
            return rows;
        }
        for (int t = 0; t < tasks; t++) {
            rows[t] = Arrays.copyOf(g.randperm(available), perTask);
        }
        return rows;
    }

    /**
     * Generates the benchmark and moves it into {@code destination}.
     *
     * @param arguments the command line, recorded in the manifest
     * @param overwrite replace an existing destination
     * @return the train split's manifest
     */
    public Manifest write(IdxDataset source, Path destination, boolean overwrite, List<String> arguments,
                          BufferAllocator allocator) throws IOException {
        List<TaskPlan> plans = plan(source);
        Manifest train = manifest(source, plans, arguments);
        long[] testRows = plans.stream().mapToLong(p -> p.testCount(source.testCount())).toArray();
        Manifest test = train.forSplit(Split.TEST, testRows);
        long images = train.totalRows() + test.totalRows();
        ExecutorService pool = Executors.newFixedThreadPool(threads, new Workers());
        // One buffer per task in flight, reused: fresh 50 MB arrays per task cost more in page
        // faults and zeroing than the transform itself.
        // Every task holds the same number of images.
        int trainCount = plans.get(0).trainCount(source.trainCount());
        int testCount = plans.get(0).testCount(source.testCount());
        BlockingQueue<TaskImages> free = new ArrayBlockingQueue<>(threads + 1);
        try (TaskSetWriter writer = TaskSetWriter.create(destination, train, test, allocator, overwrite)) {
            SplitWriter trainWriter = writer.split(Split.TRAIN);
            SplitWriter testWriter = writer.split(Split.TEST);
            for (int i = 0; i < Math.min(threads + 1, plans.size()); i++) {
                free.add(new TaskImages(new byte[Math.multiplyExact(trainCount, source.pixels())],
                        new byte[Math.multiplyExact(testCount, source.pixels())]));
            }
            long done = 0;
            Deque<Future<TaskImages>> inFlight = new ArrayDeque<>();
            int submitted = 0;
            for (int t = 0; t < plans.size(); t++) {
                // Bounded look-ahead: the workers stay busy while this thread writes, and at most
                // threads + 1 tasks exist at a time, however many tasks there are.
                while (submitted < plans.size() && submitted <= t + threads) {
                    TaskPlan plan = plans.get(submitted++);
                    TaskImages buffers = free.remove();
                    inFlight.addLast(pool.submit(() -> compute(source, plan, buffers)));
                }
                TaskImages out = await(inFlight.removeFirst());
                TaskPlan plan = plans.get(t);
                int[] trainY = labels(source.trainLabels(), plan.trainRows());
                int[] testY = labels(source.testLabels(), plan.testRows());
                trainWriter.appendUint8(t, out.trainX(), 0, trainY, 0, trainY.length);
                testWriter.appendUint8(t, out.testX(), 0, testY, 0, testY.length);
                free.add(out);
                done += trainY.length + testY.length;
                progress.update(done, images, "task " + (t + 1) + "/" + plans.size());
            }
            trainWriter.finish();
            testWriter.finish();
            writer.commit();
        } finally {
            pool.shutdownNow();
        }
        return train;
    }

    /** The pixels of one task, train and test, in buffers that go back to a pool once written. */
    private record TaskImages(byte[] trainX, byte[] testX) {
    }

    private static TaskImages compute(IdxDataset source, TaskPlan plan, TaskImages buffers) {
        PixelMap map = plan.map();
        map.apply(source.trainImages(), plan.trainRows(), plan.trainCount(source.trainCount()), buffers.trainX());
        map.apply(source.testImages(), plan.testRows(), plan.testCount(source.testCount()), buffers.testX());
        return buffers;
    }

    private static int[] labels(int[] all, int[] rows) {
        if (rows == null) {
            return all;
        }
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = all[rows[i]];
        }
        return y;
    }

    private static TaskImages await(Future<TaskImages> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while generating");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    private Manifest manifest(IdxDataset source, List<TaskPlan> plans, List<String> arguments) {
        List<TaskInfo> tasks = new ArrayList<>(plans.size());
        TaskKind kind = options.benchmark().kind();
        for (TaskPlan p : plans) {
            tasks.add(new TaskInfo(p.index(), kind, p.parameter(), p.trainCount(source.trainCount())));
        }
        Provenance provenance = new Provenance("mer generate", arguments, source.files(), settings(source),
                MerVersion.get());
        return new Manifest(Manifest.FORMAT_VERSION, Split.TRAIN, List.of(source.height(), source.width()),
                source.classCount(), XEncoding.UINT8, tasks, provenance);
    }

    private ObjectNode settings(IdxDataset source) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("benchmark", options.benchmark().jsonName());
        s.put("tasks", options.tasks());
        s.put("seed", options.seed());
        options.benchmark().family().describe(options, s);
        putRows(s, "train_per_task", options.trainPerTask());
        putRows(s, "test_per_task", options.testPerTask());
        if (options.trainPerTask() != GenerateOptions.ALL_ROWS || options.testPerTask() != GenerateOptions.ALL_ROWS) {
            s.put("subsample_draw", "torch.randperm(n)[:k] per task from a second generator seeded with seed,"
                    + " train subsets of all tasks first, then test");
        }
        s.put("source", "sample".equals(source.origin()) ? "sample" : "directory");
        s.put("source_train_images", source.trainCount());
        s.put("source_test_images", source.testCount());
        return s;
    }

    private static void putRows(ObjectNode s, String key, int rows) {
        if (rows == GenerateOptions.ALL_ROWS) {
            s.put(key, "all");
        } else {
            s.put(key, rows);
        }
    }

    private static final class Workers implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "mer-generate-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
