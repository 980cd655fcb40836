package dev.mer.train.continuum;

import dev.mer.random.PythonRandom;
import dev.mer.random.TorchGenerator;
import java.util.Arrays;

/**
 * The order in which training examples arrive, exactly as MER's {@code main.py} {@code Continuum}
 * draws it: tasks in order (or {@code torch.randperm(n_tasks)} with {@code --shuffle_tasks yes}),
 * then per task {@code torch.randperm(N)[0:n]} with {@code n = samples_per_task} (all when ≤ 0),
 * then per task and epoch the task's examples shuffled by Python's {@code random.shuffle}. Given the
 * generators right after {@code torch.manual_seed(seed)} and {@code random.seed(seed)}, the
 * sequence is the reference's, example for example; the generators are left where the
 * reference's are when its model is built. The draws: {@code docs/formats/random-streams.md} §4.
 *
 * <p>Batches hold up to {@code batch_size} consecutive examples of one task. With
 * {@code n_epochs} ≤ 0 the reference still draws the subsets, then presents nothing.
 */
public final class Continuum {
    private final int[] tasks;
    private final int[] rows;
    private final int[] taskOrder;

    private Continuum(int[] tasks, int[] rows, int[] taskOrder) {
        this.tasks = tasks;
        this.rows = rows;
        this.taskOrder = taskOrder;
    }

    /**
     * Draws the continuum.
     *
     * @param taskSizes training rows of each task
     * @param samplesPerTask examples drawn per task; ≤ 0 for all
     * @param epochs passes over each task's examples; none when ≤ 0 (Python's empty {@code range})
     * @param shuffleTasks present tasks in a random order
     */
    public static Continuum draw(int[] taskSizes, int samplesPerTask, int epochs, boolean shuffleTasks,
                                 TorchGenerator torch, PythonRandom python) {
        epochs = Math.max(0, epochs);
        int nTasks = taskSizes.length;
        int[] order = new int[nTasks];
        Arrays.setAll(order, t -> t);
        if (shuffleTasks) {
            order = torch.randperm(nTasks);
        }
        int[][] samples = new int[nTasks][];
        long total = 0;
        for (int t = 0; t < nTasks; t++) {
            int n = samplesPerTask <= 0 ? taskSizes[t] : Math.min(samplesPerTask, taskSizes[t]);
            samples[t] = Arrays.copyOf(torch.randperm(taskSizes[t]), n);
            total += (long) n * epochs;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Continuum too long: " + total + " examples");
        }
        int[] tasks = new int[(int) total];
        int[] rows = new int[(int) total];
        int k = 0;
        for (int t = 0; t < nTasks; t++) {
            int task = order[t];
            for (int e = 0; e < epochs; e++) {
                int[] p = samples[task].clone();
                python.shuffle(p);
                for (int row : p) {
                    tasks[k] = task;
                    rows[k++] = row;
                }
            }
        }
        return new Continuum(tasks, rows, order);
    }

    /** The number of examples. */
    public int length() {
        return tasks.length;
    }

    /** The task of example {@code i}. */
    public int task(int i) {
        return tasks[i];
    }

    /** The training row (within its task) of example {@code i}. */
    public int row(int i) {
        return rows[i];
    }

    /** The order in which tasks are presented. */
    public int[] taskOrder() {
        return taskOrder.clone();
    }

    /** The number of tasks (presented or not). */
    public int taskCount() {
        return taskOrder.length;
    }

    /** Whether the tasks are presented as 0, 1, …: always without {@code --shuffle_tasks}, by chance with it. */
    public boolean inTaskOrder() {
        for (int t = 0; t < taskOrder.length; t++) {
            if (taskOrder[t] != t) {
                return false;
            }
        }
        return true;
    }

    /** Whether some batch of at most {@code batchSize} examples holds a single example. */
    public boolean hasBatchOfOne(int batchSize) {
        for (int i = 0; i < tasks.length; ) {
            int n = batchLength(i, batchSize);
            if (n == 1) {
                return true;
            }
            i += n;
        }
        return false;
    }

    /** The number of batches of at most {@code batchSize} examples, none crossing a task boundary. */
    public int batches(int batchSize) {
        int n = 0;
        for (int i = 0; i < tasks.length; i += batchLength(i, batchSize)) {
            n++;
        }
        return n;
    }

    /** The length of the batch starting at example {@code start}: same-task examples, at most {@code batchSize}. */
    public int batchLength(int start, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("Invalid batch size: " + batchSize);
        }
        int i = 0;
        while (start + i < tasks.length && tasks[start + i] == tasks[start] && i < batchSize) {
            i++;
        }
        return i;
    }
}
