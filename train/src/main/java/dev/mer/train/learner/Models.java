package dev.mer.train.learner;

import static dev.mer.train.Flags.BATCHES_PER_EXAMPLE;
import static dev.mer.train.Flags.BETA;
import static dev.mer.train.Flags.FINETUNE;
import static dev.mer.train.Flags.GAMMA;
import static dev.mer.train.Flags.MEMORIES;
import static dev.mer.train.Flags.MEMORY_STRENGTH;
import static dev.mer.train.Flags.N_LAYERS;
import static dev.mer.train.Flags.N_MEMORIES;
import static dev.mer.train.Flags.REPLAY_BATCH_SIZE;
import static dev.mer.train.Flags.S;

import dev.mer.train.Flag;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The model catalogue: the ten models of the paper, in the paper's order (the order of the
 * summary tables), each with the main.py flags its reference file reads, its memory rule, its
 * colour and its learner. Adding a model is one learner class and one entry here (see
 * {@code docs/Architecture.md}); {@link #register} adds one at run time, for plug-ins and tests.
 */
public final class Models {
    private static final String MER = "Riemer et al., ICLR 2019";
    private static final String GEM = "Lopez-Paz and Ranzato, NIPS 2017";
    private static final List<Flag<?>> REPLAY = List.of(MEMORIES, REPLAY_BATCH_SIZE);

    /** The paper's models; colours are matplotlib's tab10, meralg1 (the paper's method) the strongest. */
    private static final List<Model> BUILT_IN = List.of(
            new Model("online", "Online SGD on the stream (GEM's single)", GEM, "model/online.py",
                    List.of(), MemoryRule.NONE, List.of(), 0x1f77b4, Online::new),
            new Model("independent", "Independent networks, one per task", GEM, "model/independent.py",
                    List.of(FINETUNE), MemoryRule.NONE, List.of(), 0x8c564b, Independent::new),
            // with n_layers 1 or 0 the reference builds a single input layer and fails at task 1
            new Model("taskinput", "Task-specific input layers (GEM's multimodal)", GEM, "model/taskinput.py",
                    List.of(), MemoryRule.NONE, List.of(new Model.Minimum(N_LAYERS, 2)), 0x7f7f7f, TaskInput::new),
            new Model("ewc", "Elastic Weight Consolidation", "Kirkpatrick et al., PNAS 2017", "model/ewc.py",
                    List.of(N_MEMORIES, MEMORY_STRENGTH), MemoryRule.NONE,
                    List.of(new Model.Minimum(N_MEMORIES, 1)), 0xbcbd22, Ewc::new),
            new Model("gem", "Gradient Episodic Memory", GEM, "model/gem.py",
                    List.of(N_MEMORIES, MEMORY_STRENGTH), MemoryRule.PER_TASK,
                    List.of(new Model.Minimum(N_MEMORIES, 1)), 0x9467bd, Gem::new),
            new Model("eralg4", "Experience Replay with reservoir sampling (Algorithm 4)", MER, "model/eralg4.py",
                    REPLAY, MemoryRule.RESERVOIR, List.of(), 0xff7f0e, ExperienceReplay::new),
            new Model("eralg5", "Experience Replay with tasks (Algorithm 5)", MER, "model/eralg5.py",
                    REPLAY, MemoryRule.RESERVOIR, List.of(), 0xe377c2, TaskExperienceReplay::new),
            new Model("meralg1", "Meta-Experience Replay (Algorithm 1)", MER, "model/meralg1.py",
                    List.of(MEMORIES, REPLAY_BATCH_SIZE, GAMMA, BATCHES_PER_EXAMPLE, BETA), MemoryRule.RESERVOIR,
                    List.of(new Model.Minimum(BATCHES_PER_EXAMPLE, 1)), 0xd62728, Mer::new),
            new Model("meralg6", "MER with one big batch (Algorithm 6)", MER, "model/meralg6.py",
                    List.of(MEMORIES, REPLAY_BATCH_SIZE, GAMMA, BATCHES_PER_EXAMPLE), MemoryRule.RESERVOIR,
                    List.of(new Model.Minimum(BATCHES_PER_EXAMPLE, 1)), 0x2ca02c, MerOneBigBatch::new),
            new Model("meralg7", "MER with a current-example learning rate (Algorithm 7)", MER, "model/meralg7.py",
                    List.of(MEMORIES, REPLAY_BATCH_SIZE, GAMMA, S), MemoryRule.RESERVOIR,
                    List.of(), 0x17becf, MerCurrentExampleRate::new));

    private static final List<Model> ALL = new CopyOnWriteArrayList<>(BUILT_IN);

    private Models() {
    }

    /** Every model, the paper's first, then those registered, in order. */
    public static List<Model> all() {
        return List.copyOf(ALL);
    }

    /** The names of {@link #all}. */
    public static List<String> names() {
        return ALL.stream().map(Model::name).toList();
    }

    /** The model called {@code name}, if there is one. */
    public static Optional<Model> find(String name) {
        for (Model m : ALL) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * The model called {@code name}.
     *
     * @throws IllegalArgumentException {@code unknown model 'x' (models: …)}
     */
    public static Model named(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown model '" + name + "' (models: "
                + String.join(", ", names()) + ")"));
    }

    /** The position of {@code name} in the catalogue (the paper's order); unknown models come last. */
    public static int order(String name) {
        List<String> names = names();
        int i = names.indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** The models that read {@code flag}, in catalogue order. */
    public static List<String> readers(Flag<?> flag) {
        return ALL.stream().filter(m -> m.reads(flag)).map(Model::name).toList();
    }

    /**
     * Adds {@code model} to the catalogue until the returned registration is closed.
     *
     * @throws IllegalArgumentException when a model of that name exists
     */
    public static Registration register(Model model) {
        synchronized (ALL) {
            if (find(model.name()).isPresent()) {
                throw new IllegalArgumentException("A model called '" + model.name() + "' exists already");
            }
            ALL.add(model);
        }
        return new Registration(model);
    }

    /** A model added by {@link #register}; closing it removes the model. */
    public static final class Registration implements AutoCloseable {
        private final Model model;

        private Registration(Model model) {
            this.model = model;
        }

        /** The registered model. */
        public Model model() {
            return model;
        }

        @Override
        public void close() {
            ALL.remove(model);
        }
    }
}
