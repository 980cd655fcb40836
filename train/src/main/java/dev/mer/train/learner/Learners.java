package dev.mer.train.learner;

/** Builds the learner a configuration names. */
public final class Learners {
    private Learners() {
    }

    /**
     * The learner of {@code context.config().model()}.
     *
     * @throws IllegalArgumentException for an unknown model
     */
    public static Learner create(LearnerContext context) {
        return switch (context.config().model()) {
            case "online" -> new Online(context);
            case "independent" -> new Independent(context);
            case "taskinput" -> new TaskInput(context);
            case "ewc" -> new Ewc(context);
            case "gem" -> new Gem(context);
            case "eralg4" -> new ExperienceReplay(context);
            case "eralg5" -> new TaskExperienceReplay(context);
            case "meralg1" -> new Mer(context);
            case "meralg6" -> new MerOneBigBatch(context);
            case "meralg7" -> new MerCurrentExampleRate(context);
            default -> throw new IllegalArgumentException("unknown model '" + context.config().model() + "'");
        };
    }
}
