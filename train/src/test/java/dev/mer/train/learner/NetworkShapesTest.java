package dev.mer.train.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mer.random.PythonRandom;
import dev.mer.random.TorchGenerator;
import dev.mer.train.TrainArguments;
import dev.mer.train.network.BiasOnly;
import dev.mer.train.network.InputShape;
import dev.mer.train.network.Linear;
import dev.mer.train.network.Mlp;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The networks the reference builds for main.py's edge values (README.md, "mer train"). */
class NetworkShapesTest {
    private static final int IN = 12;
    private static final int CLASSES = 4;

    private static Learner learner(String line, int tasks) {
        var config = TrainArguments.parse(line).config();
        return config.modelEntry().newLearner(new LearnerContext(config, InputShape.flat(IN), CLASSES, tasks,
                new TorchGenerator(0), new PythonRandom(0), new SplittableRandom(0)));
    }

    @Test
    void taskinputWithOneLayerIsTheReferencesLinearModel() {
        // main.py passes n_layers - 1 = 0: multimodal.py's linear model, usable with one task
        Mlp net = (Mlp) learner("--model taskinput --n_layers 1", 1).network(0);
        Linear[] layers = net.layers();
        assertEquals(1, layers.length);
        assertEquals(IN, layers[0].in());
        assertEquals(CLASSES, layers[0].out());
        // n_layers 2: a per-task input layer, one shared hidden layer, the output layer
        assertEquals(3, ((Mlp) learner("--model taskinput --n_layers 2 --n_hiddens 5", 3).network(2)).layers().length);
    }

    @Test
    void hiddenLayersOfNoUnitLeaveTheOutputBiases() {
        assertInstanceOf(BiasOnly.class, learner("--model online --n_hiddens 0 --n_layers 1", 3).network(0));
        // independent: int(5 / 6) = 0 units per task's network
        Learner independent = learner("--model independent --n_hiddens 5 --n_layers 1", 6);
        assertInstanceOf(BiasOnly.class, independent.network(5));
        // with no hidden layer the width is unused
        assertInstanceOf(Mlp.class, learner("--model independent --n_hiddens 5 --n_layers 0", 6).network(0));
        assertInstanceOf(Mlp.class, learner("--model online --n_hiddens -3 --n_layers -2", 2).network(0));
        // taskinput's tasks share the output biases
        Learner taskinput = learner("--model taskinput --n_hiddens 0", 3);
        assertSame(taskinput.network(0), taskinput.network(2));
        assertInstanceOf(BiasOnly.class, taskinput.network(0));
    }
}
