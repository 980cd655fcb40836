package dev.mer.train.learner;

import dev.mer.random.PythonRandom;
import dev.mer.random.TorchGenerator;
import dev.mer.train.Flags;
import dev.mer.train.TrainConfig;
import dev.mer.train.network.Architecture;
import dev.mer.train.network.InputShape;
import dev.mer.train.network.MlpArchitecture;
import dev.mer.train.network.Network;
import java.util.SplittableRandom;

/**
 * What a learner is built from: the arguments, the problem's shape and the run's random streams
 * (the same ones the continuum drew from, continued, as in the reference).
 *
 * @param config the arguments
 * @param inputShape the shape of one example, from the task-set's manifest
 * @param nClasses classes (outputs)
 * @param nTasks tasks in the stream
 * @param torch torch's generator, after the continuum's draws
 * @param python Python's {@code random}, after the continuum's shuffles
 * @param init the generator of initial weights
 */
public record LearnerContext(TrainConfig config, InputShape inputShape, int nClasses, int nTasks,
                             TorchGenerator torch, PythonRandom python, SplittableRandom init) {

    /** Inputs per example (the flat size of {@link #inputShape}). */
    public int nInputs() {
        return inputShape.size();
    }

    /**
     * The run's architecture: GEM's MLP of {@code --n_layers} hidden layers of {@code --n_hiddens}
     * units, as every model of the reference builds for MNIST-like inputs. A negative
     * {@code --n_layers} is none, as in the reference, whose {@code [nh] * nl} is then empty.
     */
    public Architecture architecture() {
        return new MlpArchitecture(config.get(Flags.N_HIDDENS), Math.max(0, config.get(Flags.N_LAYERS)));
    }

    /** A new network of the run's architecture, initialised from {@link #init}. */
    public Network network() {
        return network(architecture());
    }

    /** A new network of {@code architecture} for this problem, initialised from {@link #init}. */
    public Network network(Architecture architecture) {
        return architecture.create(inputShape, nClasses, init);
    }
}
