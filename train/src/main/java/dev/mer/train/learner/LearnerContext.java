package dev.mer.train.learner;

import dev.mer.dataset.random.PythonRandom;
import dev.mer.dataset.random.TorchGenerator;
import dev.mer.train.TrainConfig;
import java.util.SplittableRandom;

/**
 * What a learner is built from: the arguments, the problem's sizes and the run's random streams
 * (the same ones the continuum drew from, continued, as in the reference).
 *
 * @param config the arguments
 * @param nInputs inputs per example
 * @param nClasses classes (outputs)
 * @param nTasks tasks in the stream
 * @param torch torch's generator, after the continuum's draws
 * @param python Python's {@code random}, after the continuum's shuffles
 * @param init the generator of initial weights
 */
public record LearnerContext(TrainConfig config, int nInputs, int nClasses, int nTasks, TorchGenerator torch,
                             PythonRandom python, SplittableRandom init) {

    /** The paper's widths: {@code [n_inputs, n_hiddens × layers, n_classes]}. */
    public int[] widths(int hidden, int layers) {
        int[] w = new int[layers + 2];
        w[0] = nInputs;
        for (int l = 1; l <= layers; l++) {
            w[l] = hidden;
        }
        w[layers + 1] = nClasses;
        return w;
    }

    /** A new network of the paper's shape with GEM's Xavier initialisation. */
    public dev.mer.train.network.Mlp xavierMlp(int hidden, int layers) {
        dev.mer.train.network.Mlp net = dev.mer.train.network.Mlp.dense(widths(hidden, layers));
        net.initXavier(init);
        return net;
    }
}
