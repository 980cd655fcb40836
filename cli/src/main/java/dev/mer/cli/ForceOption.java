package dev.mer.cli;

import picocli.CommandLine.Option;

/**
 * {@code --force}, of the commands that write a task-set ({@code mer convert}, {@code mer
 * generate}), as a picocli mixin: without it an existing output directory is refused.
 */
final class ForceOption {
    @Option(names = "--force", description = "Replace the output directory if it exists.")
    boolean force;

    /** Whether an existing output directory is replaced. */
    boolean force() {
        return force;
    }
}
