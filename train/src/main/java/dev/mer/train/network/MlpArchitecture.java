package dev.mer.train.network;

import java.util.SplittableRandom;

/**
 * GEM's {@code MLP}: {@code layers} hidden layers of {@code hidden} ReLU units and a linear output,
 * initialised by GEM's {@code Xavier}; the network of every MNIST experiment of the paper.
 *
 * @param hidden units per hidden layer ({@code --n_hiddens})
 * @param layers hidden layers ({@code --n_layers})
 */
public record MlpArchitecture(int hidden, int layers) implements Architecture {
    public MlpArchitecture {
        if (hidden < 1 || layers < 0) {
            throw new IllegalArgumentException("Invalid MLP: " + layers + " hidden layers of " + hidden + " units");
        }
    }

    /** The widths {@code [inputs, hidden × layers, classes]}. */
    public int[] widths(int inputs, int classes) {
        int[] w = new int[layers + 2];
        w[0] = inputs;
        for (int l = 1; l <= layers; l++) {
            w[l] = hidden;
        }
        w[layers + 1] = classes;
        return w;
    }

    @Override
    public Mlp create(InputShape input, int classes, SplittableRandom init) {
        Mlp net = Mlp.dense(widths(input.size(), classes)).withShape(input);
        net.initXavier(init);
        return net;
    }

    /** {@code n_hiddens / ways} units per layer, as GEM's {@code independent.py}. */
    @Override
    public MlpArchitecture split(int ways) {
        if (ways < 1 || hidden / ways < 1) {
            throw new IllegalArgumentException("n_hiddens " + hidden + " / " + ways + " networks leaves no hidden unit");
        }
        return new MlpArchitecture(hidden / ways, layers);
    }
}
