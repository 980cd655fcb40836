package dev.mer.cli;

import dev.mer.experiment.suite.SuiteOptions;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * {@code --jobs}, the option of the commands that run a suite's runs side by side ({@code mer
 * suite}, {@code mer demo}), as a picocli mixin: one definition, one default.
 */
final class JobsOption {
    @Option(names = "--jobs", paramLabel = "N",
            description = "Runs at a time (default: half the processors, at least 1: a run trains on one thread"
                    + " and evaluates on another).")
    Integer given;

    /** The runs at a time: as given, else {@link SuiteOptions#defaultJobs()}. */
    int jobs() {
        return given == null ? SuiteOptions.defaultJobs() : given;
    }

    /** The runs at a time if given (a job array's task chooses its own otherwise). */
    OptionalInt given() {
        return given == null ? OptionalInt.empty() : OptionalInt.of(given);
    }
}
