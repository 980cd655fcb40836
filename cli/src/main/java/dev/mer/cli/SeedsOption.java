package dev.mer.cli;

import dev.mer.dataset.InvalidInputException;
import dev.mer.experiment.grid.Seeds;
import picocli.CommandLine.Option;

/**
 * {@code --seeds}, the option of the commands that run a grid over seeds ({@code mer suite},
 * {@code mer demo}), as a picocli mixin: one definition, each command with its own default.
 */
final class SeedsOption {
    @Option(names = "--seeds", paramLabel = "SEEDS", description = "Seeds, as 0-4 or 0,2,7 (default: ${DEFAULT-VALUE}).")
    String text;

    /** The option with {@code defaultSeeds} (e.g. {@code 0-4}) when not given. */
    SeedsOption(String defaultSeeds) {
        this.text = defaultSeeds;
    }

    /** The seeds given, as written (for a command line passed on, e.g. to a job array). */
    String text() {
        return text;
    }

    /** The seeds given; a user error naming what is wrong if they are not seeds. */
    Seeds parse() throws InvalidInputException {
        try {
            return Seeds.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
    }
}
