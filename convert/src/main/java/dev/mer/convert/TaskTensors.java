package dev.mer.convert;

import dev.mer.convert.torch.Tensor;
import java.util.Objects;

/**
 * One task of a {@code .pt} benchmark as pickled: GEM's {@code [descriptor, X, Y]}.
 *
 * @param descriptor the task's descriptor as unpickled (a Double angle, a String, a tuple…; may be null)
 * @param x the inputs, N × … (float32 or uint8), row-major contiguous
 * @param y the labels, N (int64, int32 or uint8), contiguous
 */
public record TaskTensors(Object descriptor, Tensor x, Tensor y) {
    public TaskTensors {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
    }

    /** The number of rows N. */
    public long rows() {
        return x.size()[0];
    }
}
