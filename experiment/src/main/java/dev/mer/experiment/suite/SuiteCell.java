package dev.mer.experiment.suite;

import dev.mer.dataset.files.Digests;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One run of a suite as a numbered cell, what a cluster's job array indexes ({@code mer suite
 * --list}, {@code --cell I}).
 *
 * @param index the run's position in the plan (grid order, then seed order), from 0
 * @param run the run
 * @param id a short hash of everything that makes the run (its row's directory name, and every
 *     main.py argument it trains with): the same run has the same id under any index, and a cell
 *     whose id changed between submitting and running is another run
 */
public record SuiteCell(int index, SuiteRun run, String id) {
    /** Hex digits of the id: 40 bits, no collision in practice among a grid's runs. */
    public static final int ID_LENGTH = 10;

    public SuiteCell {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(id, "id");
        if (index < 0) {
            throw new IllegalArgumentException("Invalid cell index: " + index);
        }
    }

    /** Cell {@code index} of {@code run}, its id computed from the arguments it trains with. */
    public static SuiteCell of(int index, SuiteRun run, OptionalInt samplesPerTask) {
        return new SuiteCell(index, run, hash(run.row().key() + "\n" + run.row().arguments(run.seed(), samplesPerTask)));
    }

    /**
     * The id of a whole selection: a hash of its cells' ids in order. Equal ids mean the same runs
     * under the same numbers, so a job array's task finds the cell it was submitted for.
     */
    public static String selectionId(List<SuiteCell> cells) {
        StringBuilder sb = new StringBuilder();
        for (SuiteCell c : cells) {
            sb.append(c.index()).append(' ').append(c.id()).append('\n');
        }
        return hash(sb.toString());
    }

    private static String hash(String text) {
        return Digests.sha256(text).substring(0, ID_LENGTH);
    }
}
