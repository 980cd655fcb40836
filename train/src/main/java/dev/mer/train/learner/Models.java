package dev.mer.train.learner;

import static dev.mer.train.Flags.BATCHES_PER_EXAMPLE;
import static dev.mer.train.Flags.BATCH_SIZE;
import static dev.mer.train.Flags.BETA;
import static dev.mer.train.Flags.FINETUNE;
import static dev.mer.train.Flags.GAMMA;
import static dev.mer.train.Flags.MEMORIES;
import static dev.mer.train.Flags.MEMORY_STRENGTH;
import static dev.mer.train.Flags.N_EPOCHS;
import static dev.mer.train.Flags.N_HIDDENS;
import static dev.mer.train.Flags.N_LAYERS;
import static dev.mer.train.Flags.N_MEMORIES;
import static dev.mer.train.Flags.REPLAY_BATCH_SIZE;
import static dev.mer.train.Flags.S;

import dev.mer.train.Flag;
import dev.mer.train.learner.Model.Refusal;
import java.util.ArrayList;
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

    // What the reference cannot run, as main.py accepts it (see README.md, "mer train"): every
    // refusal names the reference's failure.

    /** GEM's MLP [n_inputs] + [n_hiddens] × n_layers + [n_classes], as all but independent and taskinput build it. */
    private static final List<Refusal> MLP = List.of(
            Refusal.when(c -> c.get(N_LAYERS) >= 1 && c.get(N_HIDDENS) < 0, "--n_hiddens below 0 with hidden"
                    + " layers: the reference cannot build an nn.Linear of negative size (RuntimeError)"),
            Refusal.when(c -> c.get(N_LAYERS) >= 2 && c.get(N_HIDDENS) == 0, "--n_hiddens 0 with two hidden layers"
                    + " or more: the reference's Xavier initialisation of a 0 x 0 layer divides by zero"
                    + " (ZeroDivisionError)"));

    /** independent's networks have int(n_hiddens / n_tasks) units per layer. */
    private static final List<Refusal> INDEPENDENT = List.of(
            Refusal.onStream((c, s) -> c.get(N_LAYERS) >= 1 && c.get(N_HIDDENS) / s.taskCount() < 0,
                    "--n_hiddens / tasks below 0 with hidden layers: the reference cannot build an nn.Linear of"
                            + " negative size (RuntimeError)"),
            Refusal.onStream((c, s) -> c.get(N_LAYERS) >= 2 && c.get(N_HIDDENS) / s.taskCount() == 0,
                    "fewer --n_hiddens than tasks with two hidden layers or more: each task's network has"
                            + " int(n_hiddens / tasks) = 0 units, and the reference's Xavier initialisation of a"
                            + " 0 x 0 layer divides by zero (ZeroDivisionError)"));

    /** taskinput: main.py passes n_layers − 1, the shared hidden layers after the per-task input layer. */
    private static final List<Refusal> TASKINPUT = List.of(
            Refusal.when(c -> c.get(N_LAYERS) <= 0, "--n_layers below 1: main.py's n_layers - 1 is negative and"
                    + " the reference's multimodal network then has no output layer (IndexError)"),
            Refusal.onStream((c, s) -> c.get(N_LAYERS) == 1 && s.taskCount() > 1, "--n_layers 1 with more than one"
                    + " task: main.py's n_layers - 1 = 0 makes the reference one linear layer for task 0 alone,"
                    + " and evaluating task 1 fails (IndexError)"),
            Refusal.when(c -> c.get(N_LAYERS) >= 2 && c.get(N_HIDDENS) < 0, "--n_hiddens below 0: the reference"
                    + " cannot build an nn.Linear of negative size (RuntimeError)"));

    /** ewc.py penalises tasks 0..t−1 by index, consolidating each task when the next one starts. */
    private static final Refusal EWC_ORDER = Refusal.onStream((c, s) -> !s.inTaskOrder(), "--shuffle_tasks yes"
            + " presented the tasks out of order: the reference's ewc.py penalises tasks 0..t-1 by index and fails"
            + " on the first task out of order (on an empty memory when it is the first task, else KeyError)");

    /** gem.py stores a batch of one example as memory_labs[t, mem_cnt] = y, even in a memory of no slot. */
    private static final String GEM_NO_SLOT = "--n_memories 0 with a batch of one example (main.py's defaults):"
            + " the reference's gem.py stores the example's label in a memory of no slot (IndexError)";
    private static final List<Refusal> GEM_MEMORY = List.of(
            Refusal.when(c -> c.get(N_MEMORIES) < 0, "--n_memories below 0: the reference cannot allocate a memory"
                    + " of negative size (RuntimeError)"),
            Refusal.when(c -> c.get(N_MEMORIES) == 0 && c.get(BATCH_SIZE) == 1 && c.get(N_EPOCHS) >= 1, GEM_NO_SLOT),
            Refusal.onStream((c, s) -> c.get(N_MEMORIES) == 0 && s.hasBatchOfOne(c.get(BATCH_SIZE)), GEM_NO_SLOT));

    @SafeVarargs
    private static List<Refusal> refusals(List<Refusal>... lists) {
        List<Refusal> all = new ArrayList<>();
        for (List<Refusal> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    /** The paper's models; colours are matplotlib's tab10, meralg1 (the paper's method) the strongest. */
    private static final List<Model> BUILT_IN = List.of(
            new Model("online", "Online SGD on the stream (GEM's single)", GEM, "model/online.py",
                    List.of(), MemoryRule.NONE, List.of(), MLP, 0x1f77b4, Online::new),
            new Model("independent", "Independent networks, one per task", GEM, "model/independent.py",
                    List.of(FINETUNE), MemoryRule.NONE, List.of(), INDEPENDENT, 0x8c564b, Independent::new),
            new Model("taskinput", "Task-specific input layers (GEM's multimodal)", GEM, "model/taskinput.py",
                    List.of(), MemoryRule.NONE, List.of(), TASKINPUT, 0x7f7f7f, TaskInput::new),
            new Model("ewc", "Elastic Weight Consolidation", "Kirkpatrick et al., PNAS 2017", "model/ewc.py",
                    List.of(N_MEMORIES, MEMORY_STRENGTH), MemoryRule.NONE, List.of(),
                    refusals(MLP, List.of(EWC_ORDER)), 0xbcbd22, Ewc::new),
            new Model("gem", "Gradient Episodic Memory", GEM, "model/gem.py",
                    List.of(N_MEMORIES, MEMORY_STRENGTH), MemoryRule.PER_TASK, List.of(),
                    refusals(MLP, GEM_MEMORY), 0x9467bd, Gem::new),
            new Model("eralg4", "Experience Replay with reservoir sampling (Algorithm 4)", MER, "model/eralg4.py",
                    REPLAY, MemoryRule.RESERVOIR, List.of(), MLP, 0xff7f0e, ExperienceReplay::new),
            new Model("eralg5", "Experience Replay with tasks (Algorithm 5)", MER, "model/eralg5.py",
                    REPLAY, MemoryRule.RESERVOIR, List.of(), MLP, 0xe377c2, TaskExperienceReplay::new),
            new Model("meralg1", "Meta-Experience Replay (Algorithm 1)", MER, "model/meralg1.py",
                    List.of(MEMORIES, REPLAY_BATCH_SIZE, GAMMA, BATCHES_PER_EXAMPLE, BETA), MemoryRule.RESERVOIR,
                    List.of(), MLP, 0xd62728, Mer::new),
            new Model("meralg6", "MER with one big batch (Algorithm 6)", MER, "model/meralg6.py",
                    List.of(MEMORIES, REPLAY_BATCH_SIZE, GAMMA, BATCHES_PER_EXAMPLE), MemoryRule.RESERVOIR,
                    List.of(), MLP, 0x2ca02c, MerOneBigBatch::new),
            new Model("meralg7", "MER with a current-example learning rate (Algorithm 7)", MER, "model/meralg7.py",
                    List.of(MEMORIES, REPLAY_BATCH_SIZE, GAMMA, S), MemoryRule.RESERVOIR,
                    List.of(), MLP, 0x17becf, MerCurrentExampleRate::new));

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
