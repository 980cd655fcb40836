package dev.mer.train.learner;

import dev.mer.train.Flag;
import dev.mer.train.TrainConfig;
import dev.mer.train.continuum.Continuum;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

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
 * @param refusals the configurations it refuses before training, each with the reason (its
 *     reference file's failure on them)
 * @param colour its colour in every figure, {@code 0xRRGGBB}
 * @param learner builds its learner
 */
public record Model(String name, String algorithm, String citation, String reference, List<Flag<?>> reads,
                    MemoryRule memory, List<Minimum> minimums, List<Refusal> refusals, int colour,
                    Function<LearnerContext, Learner> learner) {

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

    /**
     * A configuration the model refuses, and why: one line, {@code <model>: <reason>}. Most depend on
     * the configuration alone and are checked when it is built ({@link #check(TrainConfig)}); some
     * on the stream drawn from the data (how many tasks, their order, the batches), checked by the
     * trainer after drawing it and before building the learner ({@link #check(TrainConfig, Continuum)}).
     *
     * @param reason why, e.g. what the reference does with such a configuration
     * @param config whether a configuration is refused
     * @param stream whether a configuration is refused on a stream
     */
    public record Refusal(String reason, Predicate<TrainConfig> config, BiPredicate<TrainConfig, Continuum> stream) {
        public Refusal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(stream, "stream");
            if (reason.isBlank() || reason.contains("\n")) {
                throw new IllegalArgumentException("A refusal's reason is one line: '" + reason + "'");
            }
        }

        /** Refuses the configurations {@code when} holds for. */
        public static Refusal when(Predicate<TrainConfig> when, String reason) {
            return new Refusal(reason, when, (c, s) -> false);
        }

        /** Refuses the configurations {@code when} holds for on the stream drawn from the data. */
        public static Refusal onStream(BiPredicate<TrainConfig, Continuum> when, String reason) {
            return new Refusal(reason, c -> false, when);
        }
    }

    /** An entry without refusals. */
    public Model(String name, String algorithm, String citation, String reference, List<Flag<?>> reads,
                 MemoryRule memory, List<Minimum> minimums, int colour, Function<LearnerContext, Learner> learner) {
        this(name, algorithm, citation, reference, reads, memory, minimums, List.of(), colour, learner);
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
        refusals = List.copyOf(refusals);
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
     * Checks the values this model's learner needs, and the refusals that depend on the configuration
     * alone.
     *
     * @throws IllegalArgumentException {@code Invalid <flag> for <model>: <value> (at least …)}, or
     *     {@code <model>: <reason>}
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
        for (Refusal r : refusals) {
            if (r.config().test(config)) {
                throw new IllegalArgumentException(name + ": " + r.reason());
            }
        }
    }

    /**
     * Checks the refusals that depend on the stream drawn from the data (before any training).
     *
     * @throws IllegalArgumentException {@code <model>: <reason>}
     */
    public void check(TrainConfig config, Continuum stream) {
        for (Refusal r : refusals) {
            if (r.stream().test(config, stream)) {
                throw new IllegalArgumentException(name + ": " + r.reason());
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
