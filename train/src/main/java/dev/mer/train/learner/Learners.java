package dev.mer.train.learner;

/** Builds the learner a configuration names. */
public final class Learners {
    private Learners() {
    }

    /**
     * The learner of {@code context.config().model()}.
     *
     * @throws IllegalArgumentException for a model this version does not have yet
     */
    public static Learner create(LearnerContext context) {
        return switch (context.config().model()) {
            case "online" -> new Online(context);
            case "independent" -> new Independent(context);
            case "taskinput" -> new TaskInput(context);
            case "ewc" -> new Ewc(context);
            case "gem" -> new Gem(context);
            default -> throw new IllegalArgumentException("model '" + context.config().model()
                    + "' is not implemented yet in this version of mer (available: online, independent, taskinput, ewc, gem)");
        };
    }
}
