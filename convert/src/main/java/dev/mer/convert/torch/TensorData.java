package dev.mer.convert.torch;

import dev.mer.convert.pickle.PyGlobal;
import dev.mer.convert.pickle.PyOrderedDict;
import dev.mer.convert.pickle.PyTuple;
import dev.mer.convert.pickle.Reducible;
import dev.mer.convert.pickle.Reduction;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A CPU tensor with its elements, for {@link TorchSave}: contiguous (row-major) float32 or int64
 * data of any shape, including 0-d (a scalar, shape {@code []}, such as {@code x.mean()}) and
 * shapes with a zero dimension. Each tensor is saved with a storage of its own, exactly
 * {@link #numel()} elements long.
 *
 * <p>torch pickles it through {@code Tensor.__reduce_ex__} as
 * {@code torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())}, the
 * storage being a persistent id ({@code docs/formats/torch-save.md} §2.2, §3.3); {@link #reduce()}
 * gives that call, and only {@link TorchSave} knows how to write the storage.
 *
 * <p>Like a Python object, a tensor has identity: the same {@code TensorData} twice in a saved
 * value is one tensor in the file (a memo reference), two equal ones are two tensors. {@link
 * #equals} is identity.
 */
public final class TensorData implements Reducible {
    static final PyGlobal REBUILD_TENSOR_V2 = new PyGlobal("torch._utils", "_rebuild_tensor_v2");
    private static final int CHUNK_ELEMENTS = 1 << 16;

    /** The storage of one tensor, which {@link TorchSave}'s persistent-id function replaces by an id. */
    record StorageOf(TensorData tensor) {
        @Override
        public String toString() {
            return "the storage of " + tensor + ", which only TorchSave can write";
        }
    }

    private final DType dtype;
    private final long[] shape;
    private final float[] floats;
    private final long[] longs;

    private TensorData(DType dtype, long[] shape, float[] floats, long[] longs) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.floats = floats;
        this.longs = longs;
        long n = 1;
        for (long s : this.shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, s);
        }
        int length = floats != null ? floats.length : longs.length;
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + n + " elements but "
                    + length + " values were given");
        }
    }

    /** A float32 tensor of {@code shape} holding a copy of {@code values} in row-major order; no shape is 0-d. */
    public static TensorData ofFloats(float[] values, long... shape) {
        return new TensorData(DType.FLOAT32, shape, values.clone(), null);
    }

    /**
     * Like {@link #ofFloats} without copying {@code values}, for large tensors: the array must not
     * change until the tensor has been saved.
     */
    public static TensorData wrapFloats(float[] values, long... shape) {
        return new TensorData(DType.FLOAT32, shape, values, null);
    }

    /** An int64 tensor of {@code shape} holding a copy of {@code values} in row-major order; no shape is 0-d. */
    public static TensorData ofLongs(long[] values, long... shape) {
        return new TensorData(DType.INT64, shape, null, values.clone());
    }

    /** A 0-d float32 tensor, e.g. {@code torch.tensor(v)} or what {@code x.mean()} returns. */
    public static TensorData scalar(float value) {
        return ofFloats(new float[] {value});
    }

    /** A 1-d float32 tensor of {@code values}, e.g. {@code torch.Tensor([a, b, c])}. */
    public static TensorData vector(float... values) {
        return ofFloats(values, values.length);
    }

    /** {@link DType#FLOAT32} or {@link DType#INT64}. */
    public DType dtype() {
        return dtype;
    }

    /** The size of each dimension; empty for a 0-d tensor. */
    public long[] shape() {
        return shape.clone();
    }

    /** The contiguous strides torch gives this shape: row-major, a dimension of size 0 counting as 1. */
    public long[] stride() {
        long[] stride = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = step;
            step *= Math.max(shape[i], 1);
        }
        return stride;
    }

    /** The number of elements (1 for a 0-d tensor). */
    public long numel() {
        return floats != null ? floats.length : longs.length;
    }

    /** The storage's size in bytes. */
    public long nbytes() {
        return numel() * dtype.size();
    }

    /** A copy of the float32 elements; only for a float32 tensor. */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("a " + dtype.torchName() + " tensor has no float32 elements");
        }
        return floats.clone();
    }

    /** A copy of the int64 elements; only for an int64 tensor. */
    public long[] longs() {
        if (longs == null) {
            throw new IllegalStateException("a " + dtype.torchName() + " tensor has no int64 elements");
        }
        return longs.clone();
    }

    /** {@code torch.FloatStorage} or {@code torch.LongStorage}. */
    PyGlobal storageClass() {
        return new PyGlobal("torch", dtype == DType.FLOAT32 ? "FloatStorage" : "LongStorage");
    }

    /**
     * {@code (torch._utils._rebuild_tensor_v2, (storage, 0, size, stride, False, OrderedDict()))},
     * as {@code Tensor._reduce_ex_internal} returns for a CPU tensor without metadata.
     */
    @Override
    public Reduction reduce() {
        Object[] size = new Object[shape.length];
        Object[] stride = new Object[shape.length];
        long[] s = stride();
        for (int i = 0; i < shape.length; i++) {
            size[i] = shape[i];
            stride[i] = s[i];
        }
        return Reduction.call(REBUILD_TENSOR_V2, PyTuple.of(new StorageOf(this), 0L, PyTuple.of(size),
                PyTuple.of(stride), Boolean.FALSE, new PyOrderedDict()));
    }

    /** Writes the elements little-endian, as torch stores them, and adds them to {@code crc}. */
    void writeTo(OutputStream out, CRC32 crc) throws IOException {
        int n = (int) numel();
        ByteBuffer chunk = ByteBuffer.allocate(Math.min(Math.max(n, 1), CHUNK_ELEMENTS) * dtype.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < n; from += CHUNK_ELEMENTS) {
            int count = Math.min(CHUNK_ELEMENTS, n - from);
            chunk.clear();
            if (floats != null) {
                chunk.asFloatBuffer().put(floats, from, count);
            } else {
                chunk.asLongBuffer().put(longs, from, count);
            }
            int bytes = count * dtype.size();
            crc.update(chunk.array(), 0, bytes);
            out.write(chunk.array(), 0, bytes);
        }
    }

    @Override
    public String toString() {
        return "tensor(" + dtype.torchName() + ", shape " + Arrays.toString(shape) + ")";
    }
}
