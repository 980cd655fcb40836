package dev.mer.cli;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.TaskSet;
import dev.mer.train.ResultFiles;
import dev.mer.train.RunResult;
import dev.mer.train.TrainArguments;
import dev.mer.train.TrainConfig;
import dev.mer.train.Trainer;
import dev.mer.train.metrics.AccuracyMatrix;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mer train}: MER's {@code main.py}, with its flags, protocol and result files. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {"Train a model of the paper on a task-set in GEM's protocol.",
            "Writes GEM's result files and a JSON with every evaluation.",
            "Flags are main.py's, in its snake_case or in kebab-case, with its defaults."},
        footer = {"", "Models: online, independent, taskinput, ewc, gem, eralg4, eralg5, meralg1, meralg6, meralg7.", "",
            "Examples (from the paper's mer_examples.sh):",
            "  mer train --data data/mnist_rotations --model online --lr 0.0003 --samples_per_task 1000",
            "  mer train --data_path data/ --data_file mnist_permutations.pt --model gem --lr 0.01 \\",
            "            --n_memories 256 --memory_strength 1.0 --samples_per_task 1000",
            "  mer train --data data/mnist_rotations --model ewc --lr 0.001 --n_memories 10 --memory_strength 100",
            "  mer train --data data/mnist_rotations --model meralg1 --lr 0.03 --beta 0.03 --gamma 1.0 \\",
            "            --memories 5120 --replay_batch_size 100 --batches_per_example 10 --samples_per_task 1000"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "The task-set directory to train on.")
    Path data;

    @Option(names = {"--data_path", "--data-path"}, paramLabel = "DIR",
            description = "main.py's data directory (default: ${DEFAULT-VALUE}); with --data_file.")
    Path dataPath = Path.of("data");

    @Option(names = {"--data_file", "--data-file"}, paramLabel = "FILE",
            description = "main.py's data file, e.g. mnist_rotations.pt: its converted task-set is used"
                    + " (default: ${DEFAULT-VALUE}).")
    String dataFile = "mnist_permutations.pt";

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model.")
    String model;

    @Option(names = {"--n_hiddens", "--n-hiddens"}, description = "Hidden units per layer (${DEFAULT-VALUE}).")
    int nHiddens = 100;

    @Option(names = {"--n_layers", "--n-layers"}, description = "Hidden layers (${DEFAULT-VALUE}).")
    int nLayers = 2;

    @Option(names = "--finetune", paramLabel = "yes|no",
            description = "independent: start each task's net from the previous one (${DEFAULT-VALUE}).")
    String finetune = "yes";

    @Option(names = {"--n_epochs", "--n-epochs"}, description = "Passes over each task (${DEFAULT-VALUE}).")
    int nEpochs = 1;

    @Option(names = {"--batch_size", "--batch-size"}, description = "Examples per batch (${DEFAULT-VALUE}).")
    int batchSize = 1;

    @Option(names = "--lr", description = "SGD learning rate (${DEFAULT-VALUE}).")
    double lr = 1e-3;

    @Option(names = {"--n_memories", "--n-memories"}, description = "gem, ewc: memories per task (${DEFAULT-VALUE}).")
    int nMemories;

    @Option(names = {"--memory_strength", "--memory-strength"},
            description = "gem: margin; ewc: penalty strength (${DEFAULT-VALUE}).")
    double memoryStrength;

    @Option(names = "--memories", description = "Replay models: reservoir size (${DEFAULT-VALUE}).")
    int memories = 5120;

    @Option(names = "--gamma", description = "MER: across-batch Reptile rate (${DEFAULT-VALUE}).")
    double gamma = 1.0;

    @Option(names = {"--batches_per_example", "--batches-per-example"},
            description = "meralg1: batches per example (${DEFAULT-VALUE}).")
    double batchesPerExample = 1;

    @Option(names = "--s", description = "meralg7: current example's loss multiplier (${DEFAULT-VALUE}).")
    double s = 1;

    @Option(names = {"--replay_batch_size", "--replay-batch-size"},
            description = "Replay models: replayed items per batch (${DEFAULT-VALUE}).")
    double replayBatchSize = 20;

    @Option(names = "--beta", description = "meralg1: within-batch Reptile rate (${DEFAULT-VALUE}).")
    double beta = 1.0;

    @Option(names = "--cuda", paramLabel = "yes|no", description = "Accepted for main.py compatibility; mer runs on the CPU.")
    String cuda = "no";

    @Option(names = "--seed", description = "Random seed (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"--log_every", "--log-every"}, description = "Evaluate every N batches (${DEFAULT-VALUE}).")
    int logEvery = 100;

    @Option(names = {"--save_path", "--save-path"}, paramLabel = "DIR", description = "Result directory (${DEFAULT-VALUE}).")
    Path savePath = Path.of("results");

    @Option(names = {"--samples_per_task", "--samples-per-task"},
            description = "Training examples per task, all if negative (${DEFAULT-VALUE}).")
    int samplesPerTask = -1;

    @Option(names = {"--shuffle_tasks", "--shuffle-tasks"}, paramLabel = "yes|no",
            description = "Present tasks in a random order (${DEFAULT-VALUE}).")
    String shuffleTasks = "no";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VectorModule.require("train");
        // picocli reads the options for --help and usage errors; what they mean, their defaults and
        // which model each applies to is TrainArguments' to say, from the strings as given.
        List<String> tokens = new ArrayList<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (!o.longestName().equals("--data")) {
                for (String v : o.originalStringValues()) {
                    tokens.add(o.names()[0]);
                    tokens.add(v);
                }
            }
        }
        TrainConfig config;
        TrainArguments arguments;
        try {
            arguments = TrainArguments.parse(tokens);
            config = arguments.config();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
        if (arguments.cuda()) {
            err.println("mer: --cuda yes: mer trains on the CPU (ND4J native); continuing on the CPU");
        }
        Path dir = resolveData();
        ProgressLine bar = ProgressLine.on(err, model);
        RunResult result;
        try (BufferAllocator allocator = new RootAllocator();
             TaskSet set = TaskSet.open(dir, allocator)) {
            try {
                result = Trainer.run(set, config, p -> bar.update(p.batchesDone(), p.batches(), false,
                        String.format(Locale.ROOT, "task %d  mean acc %.3f", p.task(), p.meanAccuracy())));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(dir, e.getMessage());
            }
        } finally {
            bar.end();
        }
        String stem = ResultFiles.stem(result, LocalDateTime.now(), UUID.randomUUID());
        Path base = ResultFiles.write(result, savePath, stem);
        out.println(ResultFiles.oneLiner(result, base));
        AccuracyMatrix m = result.matrix();
        out.printf(Locale.ROOT, "%s on %s: RA %.4f  LA %.4f  BTI %.4f  FWT %.4f  (%d tasks, %d examples, %.1f s,"
                        + " %.0f examples/s, %.1f s evaluating)%n", model, result.dataset(), m.retainedAccuracy(),
                m.learningAccuracy(), m.bti(), m.fwt(), m.tasks(), result.examples(), result.seconds(),
                result.examplesPerSecond(), result.evaluationSeconds());
        out.println("results: " + base + ".txt, " + base + ".json");
        out.flush();
        return 0;
    }

    private Path resolveData() throws InvalidInputException {
        if (data != null) {
            return data;
        }
        String name = dataFile.endsWith(".pt") ? dataFile.substring(0, dataFile.length() - 3) : dataFile;
        Path dir = dataPath.resolve(name);
        if (!Files.isDirectory(dir) && Files.isRegularFile(dataPath.resolve(dataFile))) {
            throw new InvalidInputException(dataPath.resolve(dataFile), "a PyTorch file: convert it first with"
                    + " 'mer convert " + dataPath.resolve(dataFile) + "', which writes the task-set " + dir);
        }
        return dir;
    }
}
