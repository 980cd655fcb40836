package dev.mer.train.learner;

import dev.mer.train.Flag;
import dev.mer.train.TrainConfig;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One entry of the model catalogue: everything mer knows about a model of the paper, in one place.
 * Validation, the learner factory, {@code mer train}'s options and help, the grid's checks, the
 * memory read back from result files, the summary's order and the report's colours all derive
 * from these entries ({@link Models}).
 *
 * @param name main.py's {@code --model} value, e.g. {@code meralg1}
 * @param algorithm the paper's name of the algorithm, e.g. "Meta-Experience Replay (Algorithm 1)"
 * @param citation where the algorithm comes from, e.g. "Riemer et al., ICLR 2019"
 * @param reference the reference implementation, e.g. {@code model/meralg1.py} of mattriemer/MER
 * @param reads the model-specific flags of main.py it reads (their defaults and help are the flags')
 * @param memory how its episodic memory is sized and reported
 * @param minimums values its learner needs beyond what every model accepts
 * @param colour its colour in every figure, {@code 0xRRGGBB}
 * @param learner builds its learner
 */
public record Model(String name, String algorithm, String citation, String reference, List<Flag<?>> reads,
                    MemoryRule memory, List<Minimum> minimums, int colour, Function<LearnerContext, Learner> learner) {

    /**
     * A model's learner needs {@code flag} to be at least {@code least}.
     *
     * @param flag a numeric flag
     * @param least the smallest value that works
     */
    public record Minimum(Flag<? extends Number> flag, double least) {
        public Minimum {
            Objects.requireNonNull(flag, "flag");
        }
    }

    public Model {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(learner, "learner");
        reads = List.copyOf(reads);
        minimums = List.copyOf(minimums);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Invalid model name '" + name + "' (lower-case letters, digits, _)");
        }
        for (Flag<?> f : reads) {
            if (!f.modelSpecific()) {
                throw new IllegalArgumentException(name + ": " + f.option() + " applies to every model");
            }
        }
        if (memory.flag().isPresent() && !reads.contains(memory.flag().get())) {
            throw new IllegalArgumentException(name + ": its memory is sized by " + memory.flag().get().option()
                    + ", which it does not read");
        }
        for (Minimum m : minimums) {
            if (m.flag().modelSpecific() && !reads.contains(m.flag())) {
                throw new IllegalArgumentException(name + ": a minimum on " + m.flag().option() + ", which it does not read");
            }
        }
        if (colour < 0 || colour > 0xFFFFFF) {
            throw new IllegalArgumentException(name + ": invalid colour " + Integer.toHexString(colour));
        }
    }

    /** Whether the model reads {@code flag}: every model reads the flags that are not model-specific. */
    public boolean reads(Flag<?> flag) {
        return !flag.modelSpecific() || reads.contains(flag);
    }

    /**
     * Checks the values this model's learner needs.
     *
     * @throws IllegalArgumentException {@code Invalid <flag> for <model>: <value>}
     */
    public void check(TrainConfig config) {
        for (Minimum m : minimums) {
            Number v = config.get(m.flag());
            if (!(v.doubleValue() >= m.least())) {
                throw new IllegalArgumentException("Invalid " + m.flag().name() + " for " + name + ": " + v
                        + " (at least " + (m.least() == Math.rint(m.least()) ? Long.toString((long) m.least())
                        : Double.toString(m.least())) + ")");
            }
        }
    }

    /** The model's learner for a run. */
    public Learner newLearner(LearnerContext context) {
        if (!context.config().model().equals(name)) {
            throw new IllegalArgumentException("A " + name + " learner for a " + context.config().model() + " run");
        }
        return learner.apply(context);
    }

    @Override
    public String toString() {
        return name;
    }
}
