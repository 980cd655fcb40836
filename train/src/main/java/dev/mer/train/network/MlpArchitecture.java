package dev.mer.train.network;

import java.util.SplittableRandom;

/**
 * GEM's {@code MLP}: {@code layers} hidden layers of {@code hidden} ReLU units and a linear output,
 * initialised by GEM's {@code Xavier}; the network of every MNIST experiment of the paper. With no
 * hidden layer it is one linear layer (whatever {@code hidden}); with hidden layers of no unit, the
 * network of the output biases alone ({@link BiasOnly}), as PyTorch builds it.
 *
 * @param hidden units per hidden layer ({@code --n_hiddens}); at least 0 when there are hidden layers
 * @param layers hidden layers ({@code --n_layers}), at least 0
 */
public record MlpArchitecture(int hidden, int layers) implements Architecture {
    public MlpArchitecture {
        if (layers < 0 || layers > 0 && hidden < 0) {
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

    /**
     * The network, initialised by GEM's Xavier; with hidden layers of no unit, the network of the
     * output biases (GEM's Xavier divides by zero for a layer of no input and no output, so the
     * reference builds that network only with one hidden layer: the model catalogue refuses more).
     */
    @Override
    public Network create(InputShape input, int classes, SplittableRandom init) {
        if (layers > 0 && hidden == 0) {
            return new BiasOnly(input, classes);
        }
        Mlp net = Mlp.dense(widths(input.size(), classes)).withShape(input);
        net.initXavier(init);
        return net;
    }

    /**
     * {@code int(n_hiddens / ways)} units per layer, as GEM's {@code independent.py}: truncated
     * towards zero, which leaves no unit when there are more networks than units.
     */
    @Override
    public MlpArchitecture split(int ways) {
        if (ways < 1) {
            throw new IllegalArgumentException("Cannot split a network " + ways + " ways");
        }
        return new MlpArchitecture(hidden / ways, layers);
    }
}
