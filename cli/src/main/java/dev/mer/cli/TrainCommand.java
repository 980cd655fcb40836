package dev.mer.cli;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.TaskSet;
import dev.mer.train.Flag;
import dev.mer.train.Flags;
import dev.mer.train.MainPyArgs;
import dev.mer.train.ResultFiles;
import dev.mer.train.RunResult;
import dev.mer.train.TrainArguments;
import dev.mer.train.TrainConfig;
import dev.mer.train.Trainer;
import dev.mer.train.checkpoint.CheckpointFile;
import dev.mer.train.checkpoint.CheckpointPolicy;
import dev.mer.train.learner.Model;
import dev.mer.train.learner.Models;
import dev.mer.train.metrics.AccuracyMatrix;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mer train}: MER's {@code main.py}, with its flags, protocol and result files. Its options
 * are main.py's flags ({@link Flags}), defined from that table and the model catalogue when the
 * command line is built ({@link #defineFlags}); picocli hands over the values as given and
 * {@link TrainArguments} reads them once into the configuration.
 */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {"Train a model of the paper on a task-set in GEM's protocol.",
            "Writes GEM's result files and a JSON with every evaluation.",
            "Flags are main.py's, in its snake_case or in kebab-case, with its defaults and help."})
final class TrainCommand implements Callable<Integer> {
    private static final List<String> EXAMPLES = List.of("",
            "Examples (from the paper's mer_examples.sh):",
            "  mer train --data data/mnist_rotations --model online --lr 0.0003 \\",
            "            --samples_per_task 1000",
            "  mer train --data_path data/ --data_file mnist_permutations.pt --model gem --lr 0.01 \\",
            "            --n_memories 256 --memory_strength 1.0 --samples_per_task 1000",
            "  mer train --data data/mnist_rotations --model ewc --lr 0.001 \\",
            "            --n_memories 10 --memory_strength 100",
            "  mer train --data data/mnist_rotations --model meralg1 --lr 0.03 \\",
            "            --beta 0.03 --gamma 1.0 --memories 5120 --replay_batch_size 100 \\",
            "            --batches_per_example 10 --samples_per_task 1000");

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The task-set directory to train on (instead of --data_path and --data_file).")
    Path data;

    @Option(names = "--checkpoint", paramLabel = "PATH",
            description = "Keep the run's latest checkpoint at PATH: written at every task's start, every"
                    + " --checkpoint-every examples, and on SIGTERM or SIGINT (which then stop the run with exit code"
                    + " 75); deleted once the result files are written.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
            description = "With --checkpoint, also write it every N examples (default: at task starts and signals"
                    + " only).")
    long checkpointEvery;

    @Option(names = "--resume", description = "With --checkpoint, continue the run from PATH when it exists (from"
            + " scratch when it does not yet, so a job script can always pass it). The arguments and the task-set"
            + " must be the checkpointed run's.")
    boolean resume;

    @Option(names = "--no-pt", description = "Do not write main.py's binary result <stem>.pt (torch.save's"
            + " (result_t, result_a, state_dict, stats, one_liner, args)).")
    boolean noPt;

    /**
     * Adds main.py's flags to {@code train}'s spec: each flag in both spellings, with main.py's help,
     * its default and, for a model-specific flag, the models that read it; the catalogue's models
     * in the footer.
     */
    static void defineFlags(CommandSpec train) {
        for (Flag<?> f : Flags.ALL) {
            train.addOption(option(f));
        }
        List<String> footer = new ArrayList<>(List.of("", "Models (--model):"));
        for (Model m : Models.all()) {
            footer.add(String.format(Locale.ROOT, "  %-12s %s", m.name(), m.algorithm()));
            footer.add(String.format(Locale.ROOT, "  %-12s %s; %s", "", m.citation(), m.reference()));
        }
        footer.addAll(EXAMPLES);
        UsageMessageSpec usage = train.usageMessage();
        usage.sortOptions(false); // main.py's order
        usage.footer(footer.toArray(String[]::new));
    }

    private static <T> OptionSpec option(Flag<T> f) {
        String[] names = f.option().equals(f.kebabOption()) ? new String[] {f.option()}
                : new String[] {f.option(), f.kebabOption()};
        String help = f.help();
        if (f == Flags.MODEL) {
            help += ": " + String.join(", ", Models.names());
        } else {
            help += " (default: " + f.format(f.defaultValue()) + ")";
        }
        if (f.modelSpecific()) {
            help += " [" + String.join(", ", Models.readers(f)) + "]";
        }
        if (f == Flags.CUDA) {
            help += "; accepted for main.py's scripts, mer trains on the CPU";
        }
        String label = switch (f.kind()) {
            case INT, LONG -> "N";
            case FLOAT -> "X";
            case BOOLEAN, YES_NO -> "yes|no";
            case TEXT -> f == Flags.MODEL ? "NAME" : f.role() == Flag.Role.LOCATION ? "PATH" : "TEXT";
        };
        return OptionSpec.builder(names).type(String.class).paramLabel(label).description(help)
                .required(f == Flags.MODEL).build();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VectorModule.require("train");
        Map<Flag<?>, String> given = new LinkedHashMap<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            // main.py's flags; --data and --no-pt are mer's own
            Flags.ALL.stream().filter(f -> f.option().equals(o.names()[0])).findFirst()
                    .ifPresent(f -> given.put(f, o.getValue()));
        }
        TrainArguments arguments;
        TrainConfig config;
        try {
            arguments = TrainArguments.of(given);
            config = arguments.config();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
        if (arguments.cuda()) {
            err.println("mer: --cuda yes: mer trains on the CPU; continuing on the CPU");
        }
        Path dir = resolveData(arguments);
        MainPyArgs mainPy = (data == null ? arguments : arguments
                .with(Flags.DATA_PATH.name(), String.valueOf(data.toAbsolutePath().getParent()))
                .with(Flags.DATA_FILE.name(), data.getFileName() + ".pt")).mainPyArgs();
        // main.py names its results when it starts; a resumed run keeps the name its first session chose
        String stem = ResultFiles.stem(mainPy, LocalDateTime.now(), UUID.randomUUID());
        CheckpointPolicy checkpoints = checkpoints(err, stem);
        ProgressLine bar = ProgressLine.on(err, config.model());
        RunResult result;
        try (BufferAllocator allocator = new RootAllocator();
             TaskSet set = TaskSet.open(dir, allocator)) {
            try {
                result = Trainer.run(set, config, p -> bar.update(p.batchesDone(), p.batches(),
                        String.format(Locale.ROOT, "task %d  mean acc %.3f", p.task(), p.meanAccuracy())), checkpoints);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(dir, e.getMessage());
            }
        } finally {
            bar.end();
        }
        Path saveDir = Path.of(arguments.get(Flags.SAVE_PATH));
        Path base = ResultFiles.write(result, mainPy, saveDir, checkpoints.enabled() ? checkpoints.runName() : stem,
                null, !noPt);
        if (checkpoints.enabled()) {
            CheckpointFile.delete(checkpoints.file()); // the run is whole: a rerun starts afresh
        }
        out.println(ResultFiles.oneLiner(result, mainPy, base));
        AccuracyMatrix m = result.matrix();
        out.printf(Locale.ROOT, "%s on %s: RA %.4f  LA %.4f  BTI %.4f  FWT %.4f  (%d tasks, %d examples, %.1f s,"
                        + " %.0f examples/s, %.1f s evaluating)%n", config.model(), result.dataset(), m.retainedAccuracy(),
                m.learningAccuracy(), m.bti(), m.fwt(), m.tasks(), result.examples(), result.seconds(),
                result.examplesPerSecond(), result.evaluationSeconds());
        if (!result.learnerCounters().isEmpty()) {
            // e.g. gem's steps whose Gram matrix was singular: the reference's quadprog stops there
            StringBuilder counted = new StringBuilder("learner:");
            result.learnerCounters().forEach((name, n) -> counted.append(' ').append(name).append(' ').append(n));
            out.println(counted);
        }
        out.println("results: " + base + ".txt, " + (noPt ? "" : base + ".pt, ") + base + ".json");
        out.flush();
        return 0;
    }

    /** {@code --checkpoint}'s policy, with signals handled as stop requests; none without it. */
    private CheckpointPolicy checkpoints(PrintWriter err, String stem) throws java.io.IOException {
        if (checkpoint == null) {
            if (resume || checkpointEvery != 0) {
                throw new InvalidInputException(null, (resume ? "--resume" : "--checkpoint-every")
                        + " needs --checkpoint PATH");
            }
            return CheckpointPolicy.NONE;
        }
        if (checkpointEvery < 0) {
            throw new InvalidInputException(null, "--checkpoint-every " + checkpointEvery + ": a number of examples, 0"
                    + " or more");
        }
        if (Files.isDirectory(checkpoint)) {
            throw new InvalidInputException(checkpoint, "a directory: --checkpoint names the file to keep the"
                    + " checkpoint in");
        }
        Path parent = checkpoint.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String runName = resume ? Trainer.checkpointedRunName(checkpoint).orElse(stem) : stem;
        return new CheckpointPolicy(checkpoint, checkpointEvery, resume, StopRequests.install(err), runName, 0);
    }

    /** {@code --data}, or main.py's {@code --data_path}/{@code --data_file} as the converted task-set. */
    private Path resolveData(TrainArguments arguments) throws InvalidInputException {
        if (data != null) {
            return data;
        }
        Path dataPath = Path.of(arguments.get(Flags.DATA_PATH));
        String dataFile = arguments.get(Flags.DATA_FILE);
        String name = dataFile.endsWith(".pt") ? dataFile.substring(0, dataFile.length() - 3) : dataFile;
        Path dir = dataPath.resolve(name);
        if (!Files.isDirectory(dir) && Files.isRegularFile(dataPath.resolve(dataFile))) {
            throw new InvalidInputException(dataPath.resolve(dataFile), "a PyTorch file: convert it first with"
                    + " 'mer convert " + dataPath.resolve(dataFile) + "', which writes the task-set " + dir);
        }
        return dir;
    }
}
