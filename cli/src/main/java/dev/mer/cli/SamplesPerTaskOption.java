package dev.mer.cli;

import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * {@code --samples-per-task} (or main.py's spelling {@code --samples_per_task}), the training
 * examples per task of every run of a suite ({@code mer suite}, {@code mer demo}), as a picocli
 * mixin: one definition, each command with its own default. A command without one (the suite's
 * runs take each grid row's own) says so in its resource bundle under the key
 * {@code samples-per-task}, which picocli reads instead of this description.
 */
final class SamplesPerTaskOption {
    @Option(names = {"--samples-per-task", "--samples_per_task"}, paramLabel = "N", descriptionKey = "samples-per-task",
            description = "Training examples per task (default: ${DEFAULT-VALUE}).")
    Integer value;

    /** The option with {@code defaultValue} when not given, or none ({@code null}). */
    SamplesPerTaskOption(Integer defaultValue) {
        this.value = defaultValue;
    }

    /** The examples per task given, or the command's default; empty if neither. */
    OptionalInt value() {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
