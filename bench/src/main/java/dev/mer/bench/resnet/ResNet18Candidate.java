package dev.mer.bench.resnet;

/**
 * GEM's reduced ResNet-18 built with one candidate library: one forward and backward pass in
 * training mode (BatchNorm on batch statistics), softmax cross-entropy averaged over the batch, as
 * GEM's {@code nn.CrossEntropyLoss}.
 */
public interface ResNet18Candidate extends AutoCloseable {
    /** Number of trainable values (PyTorch's {@code sum(p.numel() for p in net.parameters())}). */
    long parameterCount();

    /** One forward and backward pass on the spec's batch: the loss and every parameter's gradient. */
    float forwardBackward();

    /** The last pass's logits, [batch, classes] row-major. */
    float[] logits();

    /** The shape of the last pass's logits. */
    long[] logitsShape();

    /** The last pass's gradient of a parameter, in PyTorch's layout. */
    float[] gradient(String name);

    /** What computes the convolutions (library, version, kernels), for the record. */
    String describe();

    @Override
    void close();
}
