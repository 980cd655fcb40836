package dev.mer.cli;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.Manifest;
import dev.mer.dataset.progress.Progress;
import dev.mer.generate.GenerateOptions;
import dev.mer.generate.Generator;
import dev.mer.generate.idx.IdxDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mer generate}: rotation and permutation benchmarks from MNIST-format IDX files. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Generate rotation and permutation benchmarks from IDX image files.",
            "MNIST Rotations, Permutations or Many Permutations.",
            "From MNIST-format IDX files (MNIST, Fashion-MNIST, KMNIST...) as GEM's scripts do: rotations",
            "bit-exact with Pillow, permutations drawn exactly as torch.randperm after",
            "torch.manual_seed(seed), so --permutations 20 --seed 0 reproduces GEM's file.",
            "Every random choice is seeded and recorded in the manifest; the same",
            "arguments give byte-identical output."},
        footer = {"", "Examples:",
            "  # 20 rotation tasks from the embedded MNIST sample (offline):",
            "  mer generate --rotations --source sample",
            "  # GEM's MNIST Permutations from the raw MNIST of 'mer fetch mnist':",
            "  mer generate --permutations 20 --seed 0",
            "  mer generate --many-permutations --train-per-task 1000",
            "  mer generate --rotations 10 --max-rot 90 --source data/raw/fashion-mnist",
            "  # rebuild a published rotations set from its recorded angles:",
            "  mer generate --angles-from data/mnist_rotations --out data/rebuilt"})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rotations", arity = "0..1", fallbackValue = "20", paramLabel = "N",
            description = "N rotation tasks (default 20), angles drawn in [--min-rot, --max-rot).")
    Integer rotations;

    @Option(names = "--permutations", arity = "0..1", fallbackValue = "20", paramLabel = "N",
            description = "N permutation tasks (default 20).")
    Integer permutations;

    @Option(names = "--many-permutations", arity = "0..1", fallbackValue = "100", paramLabel = "N",
            description = "N permutation tasks (default 100), written to data/mnist_manypermutations.")
    Integer manyPermutations;

    @Option(names = "--min-rot", paramLabel = "DEG", description = "Lowest rotation angle (default ${DEFAULT-VALUE}).")
    double minRot = GenerateOptions.MIN_ROTATION;

    @Option(names = "--max-rot", paramLabel = "DEG",
            description = "Rotation angles stay below this (default ${DEFAULT-VALUE}).")
    double maxRot = GenerateOptions.MAX_ROTATION;

    @Option(names = "--angles", split = ",", paramLabel = "DEG",
            description = "Rotation tasks at exactly these angles, one task per angle (implies rotations).")
    List<Double> angles;

    @Option(names = "--angles-from", paramLabel = "DIR",
            description = "Rotation tasks at the angles of an existing task-set"
                    + " (e.g. a converted MER mnist_rotations).")
    Path anglesFrom;

    @Option(names = "--identity-first", description = "Leave task 0 unpermuted (permutations only).")
    boolean identityFirst;

    @Option(names = "--source", paramLabel = "DIR|sample", defaultValue = "data/raw/mnist",
            description = "Directory of MNIST-format IDX files (train-images-idx3-ubyte[.gz],"
                    + " train-labels-idx1-ubyte[.gz], t10k-...), or 'sample' for the embedded 8,000/2,000"
                    + " real MNIST digits (default ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random draw (default ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--train-per-task", paramLabel = "K",
            description = "Keep K seeded random train images per task (default all).")
    Integer trainPerTask;

    @Option(names = "--test-per-task", paramLabel = "K",
            description = "Keep K seeded random test images per task (default all).")
    Integer testPerTask;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output task-set directory (default data/mnist_rotations, data/mnist_permutations"
                    + " or data/mnist_manypermutations).")
    Path out;

    @Mixin
    ForceOption force = new ForceOption();

    @Option(names = "--threads", paramLabel = "T",
            description = "Worker threads (default: the number of processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-progress",
            description = "No progress on stderr (a bar on a terminal, else a line every ten seconds).")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> arguments = recordedArguments(spec.commandLine().getParseResult().originalArgs());
        try (BufferAllocator allocator = new RootAllocator()) {
            GenerateOptions options = options(allocator);
            Path destination = this.out != null ? this.out : Path.of(options.benchmark().defaultOutput());
            if (threads <= 0) {
                throw new InvalidInputException(null, "invalid number of threads: " + threads);
            }
            IdxDataset data = "sample".equals(source) ? IdxDataset.sample() : IdxDataset.load(Path.of(source));
            ProgressLine bar = noProgress ? null : ProgressLine.on(err, "generate");
            long start = System.nanoTime();
            Manifest train;
            try {
                train = new Generator(options, threads, bar == null ? Progress.NONE : bar)
                        .write(data, destination, force.force(), arguments, allocator);
            } finally {
                if (bar != null) {
                    bar.end();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long testRows = (long) train.taskCount()
                    * (options.testPerTask() == GenerateOptions.ALL_ROWS ? data.testCount() : options.testPerTask());
            out.printf(Locale.ROOT, "%s: %d %s tasks from %s, %,d train + %,d test rows, uint8, %s on disk, %.1f s%n",
                    destination, train.taskCount(), train.tasks().get(0).kind().jsonName(), data.origin(),
                    train.totalRows(), testRows, Units.bytes(sizeOnDisk(destination)), seconds);
            out.flush();
            return 0;
        }
    }

    /**
     * The arguments recorded in the manifest (whose tool is already {@code mer generate}): those
     * after the command name, but for the ones that cannot change the content ({@code --threads},
     * {@code --force}, {@code --no-progress}), so that they do not change the file either.
     */
    static List<String> recordedArguments(List<String> original) {
        List<String> kept = new ArrayList<>();
        int first = original.indexOf("generate") + 1;
        for (int i = first; i < original.size(); i++) {
            String a = original.get(i);
            if (a.equals("--threads")) {
                i++;
            } else if (!a.startsWith("--threads=") && !a.equals("--force") && !a.equals("--no-progress")) {
                kept.add(a);
            }
        }
        return kept;
    }

    private static long sizeOnDisk(Path dir) throws IOException {
        return Files.size(dir.resolve("train.arrow")) + Files.size(dir.resolve("test.arrow"));
    }

    private GenerateOptions options(BufferAllocator allocator) throws IOException {
        return GenerateOptions.builder().tasks(rotations, permutations, manyPermutations).rotationRange(minRot, maxRot)
                .angles(angles).anglesFrom(anglesFrom).seed(seed).identityFirst(identityFirst)
                .rowsPerTask(trainPerTask, testPerTask).build(dir -> Manifest.rotationAngles(dir, allocator));
    }
}
