package dev.mer.train.memory;

import dev.mer.random.PythonRandom;
import dev.mer.train.checkpoint.StateReader;
import dev.mer.train.checkpoint.StateWriter;
import dev.mer.train.network.SparseRows;
import java.io.IOException;

/**
 * MER's reservoir memory (Vitter's Algorithm R as the reference writes it): items are appended
 * while the memory is not full; afterwards the {@code age}-th example (age counting every
 * observed example, this one included) draws {@code p = random.randint(0, age)} and replaces item
 * p when {@code p < capacity}. The reference's inclusive upper bound makes the inclusion
 * probability {@code capacity / (age + 1)} rather than Vitter's {@code capacity / age}; it is kept
 * for faithfulness.
 *
 * <p>Replay draws are uniform over the stored items with replacement, one {@code randbelow} each:
 * exactly the distribution of the reference's reshuffle-the-whole-buffer-and-take-one, at O(1).
 * Items are stored flat (no per-item objects), densely for batched gradients and as their
 * non-zero inputs for single-example steps.
 */
public final class ReservoirBuffer {
    private final int capacity;
    private final int nInputs;
    private final float[] x;
    private final SparseRows sparse;
    private final int[] y;
    private final int[] task;
    private final PythonRandom random;
    private int size;
    private long age;

    /**
     * @param capacity the number of memories ({@code --memories})
     * @param random Python's {@code random}, the reference's stream for the reservoir
     */
    public ReservoirBuffer(int capacity, int nInputs, PythonRandom random) {
        if (capacity < 0 || nInputs <= 0) {
            throw new IllegalArgumentException("Invalid reservoir: " + capacity + " memories of " + nInputs + " inputs");
        }
        this.capacity = capacity;
        this.nInputs = nInputs;
        this.x = new float[capacity * nInputs];
        this.sparse = new SparseRows(capacity, nInputs);
        this.y = new int[capacity];
        this.task = new int[capacity];
        this.random = random;
    }

    /** Counts one more observed example; the reference does this before learning from it. */
    public void age() {
        age++;
    }

    /** Examples observed so far. */
    public long ageSoFar() {
        return age;
    }

    /** Offers the current example (call after {@link #age()} and after learning, as the reference does). */
    public void offer(float[] xs, int offset, int label, int t) {
        if (size < capacity) {
            store(size++, xs, offset, label, t);
        } else {
            // drawn even for a memory of no item, as the reference draws it
            int p = random.randint(0, (int) Math.min(age, Integer.MAX_VALUE - 1));
            if (p < capacity) {
                store(p, xs, offset, label, t);
            }
        }
    }

    private void store(int slot, float[] xs, int offset, int label, int t) {
        System.arraycopy(xs, offset, x, slot * nInputs, nInputs);
        sparse.set(slot, xs, offset);
        y[slot] = label;
        task[slot] = t;
    }

    /**
     * Writes the items as stored (slot by slot, as their non-zero inputs), their labels and tasks,
     * and the age that the reservoir's next draw depends on (MER issue #5: "including its age for
     * reservoir sampling").
     */
    public void writeState(String name, StateWriter out) throws IOException {
        out.writeInt(name + ".size", size);
        out.writeLong(name + ".age", age);
        out.writeSparseRows(name + ".inputs", sparse, 0, size);
        out.writeInts(name + ".labels", y, 0, size);
        out.writeInts(name + ".tasks", task, 0, size);
    }

    /**
     * Restores what {@link #writeState} wrote into an empty memory of the same capacity.
     *
     * @param classes the network's classes: every stored label must be one
     */
    public void readState(String name, StateReader in, int classes) throws IOException {
        int n = in.readInt(name + ".size", 0, capacity);
        long a = in.readLong(name + ".age", n, Long.MAX_VALUE);
        in.readSparseRows(name + ".inputs", sparse, 0, n);
        int[] labels = in.readInts(name + ".labels", n, 0, classes - 1);
        int[] tasks = in.readInts(name + ".tasks", n, 0, Integer.MAX_VALUE);
        for (int s = 0; s < n; s++) {
            sparse.copyRow(s, x, s * nInputs);
        }
        System.arraycopy(labels, 0, y, 0, n);
        System.arraycopy(tasks, 0, task, 0, n);
        size = n;
        age = a;
    }

    /** Stored items. */
    public int size() {
        return size;
    }

    /** One replay draw: the slot of an item uniform over the memory. */
    public int draw() {
        return random.randbelow(size);
    }

    /** The inputs of all slots, flat: slot s at {@code [s*nInputs, (s+1)*nInputs)}. */
    public float[] inputs() {
        return x;
    }

    /** The inputs of all slots as their non-zero inputs, slot s in row s. */
    public SparseRows sparseInputs() {
        return sparse;
    }

    /** The label of slot s. */
    public int label(int s) {
        return y[s];
    }

    /** The task of slot s. */
    public int task(int s) {
        return task[s];
    }

    /** Values per input. */
    public int nInputs() {
        return nInputs;
    }
}
