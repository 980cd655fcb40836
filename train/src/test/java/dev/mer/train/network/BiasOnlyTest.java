package dev.mer.train.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class BiasOnlyTest {
    @Test
    void itsLogitsAreItsBiasesWhateverTheInput() {
        BiasOnly net = new BiasOnly(InputShape.flat(3), 4);
        // zero biases: softmax uniform, loss ln 4, gradient 1/4 − onehot
        float loss = net.lossGradient(new float[] {5, -1, 2}, 0, 2, 1f);
        assertEquals((float) Math.log(4), loss, 1e-6f);
        assertArrayEquals(new float[] {0.25f, 0.25f, -0.75f, 0.25f}, net.parameters().gradient(), 1e-7f);
        net.parameters().zeroGradient();
        net.sgdStep(new float[] {0, 0, 0}, 0, 2, 0.5f);
        assertArrayEquals(new float[] {-0.125f, -0.125f, 0.375f, -0.125f}, net.parameters().values(), 1e-7f);
        int[] predictions = new int[3];
        net.predict(Nd4j.rand(3, 3), predictions);
        assertArrayEquals(new int[] {2, 2, 2}, predictions);
        BiasOnly twin = net.over(net.parameters().copy());
        assertArrayEquals(net.parameters().values(), twin.parameters().values());
    }
}
