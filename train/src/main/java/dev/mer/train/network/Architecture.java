package dev.mer.train.network;

import java.util.SplittableRandom;

/**
 * A kind of network and its size, before it meets a problem: GEM's MLP of {@code n_layers} hidden
 * layers of {@code n_hiddens} units today; GEM's reduced ResNet-18 for image inputs can follow as a
 * second implementation. Learners ask their context for networks of the run's architecture and
 * never build layers themselves (taskinput, whose per-task input layers are the algorithm, aside).
 */
public interface Architecture {
    /** A new network for examples of {@code input} and {@code classes} outputs, initialised from {@code init}. */
    Network create(InputShape input, int classes, SplittableRandom init);

    /**
     * The architecture GEM's {@code independent} gives each of {@code ways} networks: the width
     * divided among them.
     *
     * @throws IllegalArgumentException when the architecture cannot be divided so
     */
    Architecture split(int ways);
}
