package dev.mer.cli;

import dev.mer.convert.ConvertReport;
import dev.mer.convert.ConvertRequest;
import dev.mer.convert.Converter;
import dev.mer.convert.EncodingChoice;
import dev.mer.dataset.progress.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mer convert FILE.pt}: a PyTorch benchmark file to a task-set, without Python. */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Convert a PyTorch .pt benchmark file to a task-set, without Python.",
            "Streams the file; never executes anything in it.",
            "Reads both torch.save formats, legacy (MER's files) and zip (torch >= 1.6),",
            "holding [tasks_tr, tasks_te] lists of [descriptor, X, Y] tasks, or (x, y).",
            "Pickles are read by a whitelisting machine: no code in the file ever runs."},
        footer = {"", "Examples:",
            "  mer convert data/mnist_rotations.pt      # writes data/mnist_rotations/",
            "  mer convert mnist_permutations.pt --out perms --force",
            "  mer convert my_benchmark.pt --encoding float32"})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.pt", description = "The .pt file (torch.save, legacy or zip format).")
    Path input;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The task-set directory to write (default: next to the input, named after it without .pt).")
    Path out;

    @Option(names = "--encoding", paramLabel = "auto|uint8|float32", defaultValue = "auto",
            description = "How to store the inputs: auto (default) stores uint8 when every value is exactly k/255 "
                    + "(lossless, 4x smaller), else float32.")
    String encoding;

    @Mixin
    ForceOption force = new ForceOption();

    @Override
    public Integer call() throws Exception {
        EncodingChoice choice;
        try {
            choice = EncodingChoice.valueOf(encoding.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--encoding': '" + encoding + "' (expected auto, uint8 or float32)");
        }
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConvertRequest request = new ConvertRequest(input, out, choice, force.force(),
                recordedArguments(spec.commandLine().getParseResult().originalArgs()));
        // on a terminal only: a conversion's log stays as short as its result
        ProgressLine bar = System.console() != null ? ProgressLine.ofBytes(err, "convert") : null;
        ConvertReport r;
        try (BufferAllocator allocator = new RootAllocator()) {
            r = Converter.convert(request, allocator, bar != null ? bar : Progress.NONE);
        } finally {
            if (bar != null) {
                bar.end();
            }
        }
        outWriter.printf(Locale.ROOT, "%s: %d tasks, %d train + %d test rows, %d classes, x %s%n", r.output(),
                r.tasks(), r.trainRows(), r.testRows(), r.nClasses(), r.encoding().jsonName());
        outWriter.printf(Locale.ROOT, "encoding: %s%n", r.encodingReason());
        outWriter.printf(Locale.ROOT, "read %s (%s torch.save format, sha256 %s) in %.1f s, %s/s%n",
                Units.bytes(r.inputBytes()), r.format().label(), r.sha256(), r.seconds(),
                Units.bytes((long) (r.inputBytes() / Math.max(r.seconds(), 1e-9))));
        outWriter.flush();
        return 0;
    }

    /**
     * The arguments recorded in the manifest (whose tool is already {@code mer convert}): those after
     * the command name, but for {@code --out} and {@code --force}, which cannot change the content,
     * so that they do not change the file either.
     */
    static List<String> recordedArguments(List<String> original) {
        List<String> kept = new ArrayList<>();
        for (int i = original.indexOf("convert") + 1; i < original.size(); i++) {
            String a = original.get(i);
            if (a.equals("--out")) {
                i++;
            } else if (!a.startsWith("--out=") && !a.equals("--force")) {
                kept.add(a);
            }
        }
        return kept;
    }
}
