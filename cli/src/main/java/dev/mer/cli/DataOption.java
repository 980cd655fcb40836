package dev.mer.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data}, the data directory where {@code mer fetch} puts the task-sets and {@code mer
 * suite} finds them, as a picocli mixin. ({@code mer train --data} is another option: one
 * task-set's directory.)
 */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory, of the task-sets mnist_rotations, mnist_permutations,"
                    + " mnist_manypermutations (default: ${DEFAULT-VALUE}).")
    Path directory = Path.of("data");

    /** The data directory. */
    Path directory() {
        return directory;
    }
}
