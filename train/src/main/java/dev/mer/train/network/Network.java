package dev.mer.train.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seam between the learners and a network: what GEM's and MER's algorithms ask of one — the
 * loss and its gradient for single examples and for groups of examples, SGD steps, a batch's
 * predictions, the flat parameter vector they interpolate and copy, and a twin over other
 * parameters for snapshots. A learner never knows the network's layers, so a second architecture
 * (GEM's reduced ResNet-18) is an addition, not a change to every learner.
 *
 * <p>The parameter vector is the whole state the reference's {@code state_dict()} holds, in one
 * flat {@link Parameters}: weights and biases, and for a network with batch normalisation its
 * running statistics too (which then get no gradient). Several networks may view one vector
 * (taskinput's per-task networks share their hidden layers). Implementations own scratch buffers
 * and are not thread-safe; a {@link #over twin} is the way to use the same structure elsewhere.
 *
 * <p>Inputs are examples of {@link #inputShape()}, flat (row-major, as the task-set stores them).
 */
public interface Network {
    /** The shape of one example, as the task-set's manifest records it. */
    InputShape inputShape();

    /** The number of outputs (classes). */
    int classes();

    /** The flat parameter vector (and its gradient) this network reads and trains; live. */
    Parameters parameters();

    /**
     * Cross-entropy of one example against {@code label}, in training mode; adds {@code scale ×} its
     * gradient to {@code parameters().gradient()} ({@code scale = 1/batch} gives a batch mean's).
     *
     * @param x inputs, example at {@code x[offset .. offset + inputShape().size())}
     * @return the example's loss (natural log)
     */
    float lossGradient(float[] x, int offset, int label, float scale);

    /**
     * One SGD step on one example, {@code θ -= lr · ∇loss}; scaling the loss by s is {@code lr · s}.
     * The default computes the whole gradient and steps every parameter; an implementation may fuse
     * the two (the result is the same).
     *
     * @return the example's loss before the step
     */
    default float sgdStep(float[] x, int offset, int label, float lr) {
        Parameters p = parameters();
        p.zeroGradient();
        float loss = lossGradient(x, offset, label, 1f);
        p.sgdStep(lr);
        return loss;
    }

    /** {@link #sgdStep(float[], int, int, float)} on row {@code row} of examples kept as their non-zero inputs. */
    default float sgdStep(SparseRows rows, int row, int label, float lr) {
        float[] dense = new float[rows.width()];
        rows.copyRow(row, dense, 0);
        return sgdStep(dense, 0, label, lr);
    }

    /**
     * Writes into {@code dst} (parameter-sized) the gradient of the weighted mean loss
     * {@code Σ w_r·loss_r / Σ w_r} over rows {@code [from, from + n)} of {@code rows} (GEM's
     * memory gradient of one past task); zero when no row has weight. Leaves
     * {@code parameters().gradient()} unspecified. The default takes one dense example at a time.
     *
     * @param labels the rows' labels, indexed like {@code rows}
     * @param rowWeight 1 for a real example, 0 for a row to ignore, indexed like {@code rows}
     */
    default void meanGradient(SparseRows rows, int from, int n, int[] labels, float[] rowWeight, float[] dst) {
        Parameters p = parameters();
        p.zeroGradient();
        float total = 0;
        for (int r = from; r < from + n; r++) {
            total += rowWeight[r];
        }
        float[] x = new float[rows.width()];
        for (int r = from; r < from + n; r++) {
            if (total > 0 && rowWeight[r] != 0) {
                rows.copyRow(r, x, 0);
                lossGradient(x, 0, labels[r], rowWeight[r] / total);
            }
        }
        System.arraycopy(p.gradient(), 0, dst, 0, dst.length);
    }

    /**
     * The predicted class of every row of {@code x} (a {@code rows × inputShape().size()} float
     * matrix), in evaluation mode: the first index of the largest output, as {@code torch.max}.
     */
    void predict(INDArray x, int[] predictions);

    /**
     * {@link #predict(INDArray, int[])} on a task's test inputs kept in the forms a network may read
     * them in: the network, which knows what its layers can exploit, chooses. The default reads the
     * dense matrix.
     */
    default void predict(InputRows rows, int[] predictions) {
        predict(rows.dense(), predictions);
    }

    /**
     * The network's {@code state_dict()} as the reference's module of this architecture names it
     * (GEM's {@code MLP}: {@code net.0.weight}, {@code net.0.bias}, {@code net.2.weight}, …), with
     * the current values in PyTorch's layout.
     */
    java.util.List<NamedTensor> stateDict();

    /**
     * Runs this network's evaluation kernels on made-up inputs, often and briefly, so that the JIT
     * has compiled them before the first evaluation (a short run's first evaluations otherwise
     * run them uncompiled, many times slower); touches nothing of this network's state. The
     * default does nothing.
     */
    default void compileAhead() {
    }

    /**
     * A network of the same structure over {@code parameters} (a vector laid out like
     * {@link #parameters()}, e.g. a frozen copy of it), with its own scratch buffers.
     */
    Network over(Parameters parameters);
}
