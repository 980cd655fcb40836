package dev.mer.train.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mer.random.PythonRandom;
import dev.mer.random.TorchGenerator;
import dev.mer.train.Flags;
import dev.mer.train.TrainConfig;
import dev.mer.train.network.InputShape;
import dev.mer.train.network.Mlp;
import dev.mer.train.network.NamedTensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every learner's {@code state_dict()} has the reference model's names and shapes
 * ({@code reference/state_dicts.json}, made by {@code make_state_dicts.py} with MER's own model
 * files and torch), so that main.py's {@code .pt} result loads into the reference's model.
 */
class StateDictTest {
    static JsonNode fixture() throws IOException {
        try (InputStream in = StateDictTest.class.getResourceAsStream("/reference/state_dicts.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<String> cases() throws IOException {
        List<String> names = new ArrayList<>();
        fixture().fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void namesAndShapesAreTheReferenceModels(String key) throws IOException {
        // taskinput with one layer: the reference builds one linear layer, which serves a stream of
        // one task only (mer refuses more tasks on the stream)
        int tasks = key.equals("taskinput/n_layers=1") ? 1 : 3;
        String model = key.substring(0, key.indexOf('/'));
        int layers = Integer.parseInt(key.substring(key.indexOf('=') + 1));
        TrainConfig.Builder b = TrainConfig.builder(model).set(Flags.N_HIDDENS, 12).set(Flags.N_LAYERS, layers);
        if (Models.named(model).reads(Flags.N_MEMORIES)) {
            b.set(Flags.N_MEMORIES, 4);
        }
        if (Models.named(model).reads(Flags.MEMORIES)) {
            b.set(Flags.MEMORIES, 8);
        }
        Learner learner = Models.named(model).newLearner(new LearnerContext(b.build(), InputShape.flat(16), 10, tasks,
                new TorchGenerator(0), new PythonRandom(0), new SplittableRandom(0)));
        List<String> expected = new ArrayList<>();
        for (JsonNode entry : fixture().get(key)) {
            expected.add(entry.get(0).asText() + entry.get(1));
        }
        List<String> actual = learner.stateDict().stream()
                .map(t -> t.name() + Arrays.toString(t.shape()).replace(" ", "")).toList();
        assertEquals(expected, actual);
    }

    @Test
    void weightsAreInPyTorchsOutByInLayout() {
        TrainConfig c = TrainConfig.builder("online").set(Flags.N_HIDDENS, 5).build();
        Learner learner = Models.named("online").newLearner(new LearnerContext(c, InputShape.flat(7), 3, 1,
                new TorchGenerator(0), new PythonRandom(0), new SplittableRandom(4)));
        List<NamedTensor> sd = learner.stateDict();
        float[] x = {0.5f, 0f, -1f, 2f, 0.25f, 0f, 1f};
        float[] h = x;
        for (int l = 0; l < sd.size(); l += 2) {
            NamedTensor w = sd.get(l);
            NamedTensor bias = sd.get(l + 1);
            int out = (int) w.shape()[0];
            int in = (int) w.shape()[1];
            float[] y = new float[out];
            for (int j = 0; j < out; j++) {
                double s = bias.values()[j];
                for (int i = 0; i < in; i++) {
                    s += (double) w.values()[j * in + i] * h[i];
                }
                y[j] = l + 2 < sd.size() ? (float) Math.max(0, s) : (float) s;
            }
            h = y;
        }
        float[] logits = ((Mlp) learner.network(0)).forward(x, 0);
        for (int j = 0; j < 3; j++) {
            assertEquals(h[j], logits[j], 1e-5, "logit " + j);
        }
    }
}
