package dev.mer.cli;

import dev.mer.dataset.InvalidInputException;
import dev.mer.report.demo.Demo;
import dev.mer.report.demo.DemoOptions;
import dev.mer.report.demo.DemoOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mer demo}: the paper's Rotations experiment in miniature, offline, with its table and figures. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"The paper's Rotations experiment in miniature, offline, in about two minutes on 2 cores.",
            "Generates 20 rotation tasks from the embedded sample of 10,000 genuine MNIST digits, trains online, gem,"
                + " eralg4 and meralg1 with mer_examples.sh's Rotations settings scaled to the sample (100 examples"
                + " per task, 500 memories), prints the summary table and writes the report. Rerunning reuses"
                + " finished runs."},
        footer = {"", "Examples:", "  mer demo", "  mer demo --seeds 0-4 --out results/demo5"})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("results", "demo");

    @Mixin
    SeedsOption seeds = new SeedsOption("0-1");

    @Mixin
    SamplesPerTaskOption samplesPerTask = new SamplesPerTaskOption(DemoOptions.SAMPLES_PER_TASK);

    @Mixin
    JobsOption jobs = new JobsOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VectorModule.require("demo");
        DemoOptions options;
        try {
            options = new DemoOptions(out, seeds.parse(), samplesPerTask.value().orElseThrow(), jobs.jobs());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
        DemoOutcome outcome = Demo.run(options, note -> {
            err.println("mer demo: " + note);
            err.flush();
        }, new RunLines(err, "mer demo"));
        stdout.print(outcome.summary().markdown());
        stdout.println();
        stdout.printf(Locale.ROOT, "demo: %d runs (%d now) in %s; summary %s; report %s%n",
                outcome.runs().ran().size() + outcome.runs().alreadyDone().size(), outcome.runs().ran().size(),
                Units.duration(outcome.seconds()), outcome.summary().markdownFile(), outcome.report().index());
        stdout.flush();
        return 0;
    }
}
