package dev.mer.experiment.suite;

import dev.mer.experiment.grid.GridRow;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One run of a suite: a grid row with one seed.
 *
 * @param row the configuration
 * @param seed the seed
 */
public record SuiteRun(GridRow row, long seed) {
    public SuiteRun {
        Objects.requireNonNull(row, "row");
        if (seed < 0) {
            throw new IllegalArgumentException("Invalid seed: " + seed);
        }
    }

    /** The file name stem of the run's results, {@code seed_<k>}. */
    public String stem() {
        return "seed_" + seed;
    }

    /** {@code out/runs/<row key>}: the directory of the row's runs. */
    public Path directory(Path out) {
        return out.resolve("runs").resolve(row.key());
    }

    /** {@code out/runs/<row key>/seed_<k>.json}: present exactly when the run is finished. */
    public Path resultFile(Path out) {
        return directory(out).resolve(stem() + ".json");
    }

    /** {@code meralg1 rotations 5120 seed 2}. */
    public String label() {
        return row.model() + " " + row.dataset() + (row.memories().isPresent() ? " " + row.memories().getAsInt() : "")
                + " seed " + seed;
    }
}
