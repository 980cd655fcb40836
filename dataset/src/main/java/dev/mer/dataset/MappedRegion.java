package dev.mer.dataset;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ForeignAllocation;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * A read-only memory mapping of part of a file, handed to Arrow as a foreign allocation so that
 * Arrow buffers and vectors can view the file's bytes without copying. The mapping is unmapped as
 * soon as the last Arrow reference to it is released, not when the garbage collector gets to it.
 */
final class MappedRegion extends ForeignAllocation {
    private static final Method INVOKE_CLEANER;
    private static final Object UNSAFE;

    static {
        Method m = null;
        Object u = null;
        try {
            Class<?> c = Class.forName("sun.misc.Unsafe");
            Field f = c.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            u = f.get(null);
            m = c.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            m = null; // without it the mapping is released by the garbage collector
        }
        INVOKE_CLEANER = m;
        UNSAFE = u;
    }

    private MappedByteBuffer mapping;

    private MappedRegion(MappedByteBuffer mapping) {
        super(mapping.capacity(), MemoryUtil.getByteBufferAddress(mapping));
        this.mapping = mapping;
    }

    /** Maps {@code [position, position + size)} of {@code channel} and wraps it as an Arrow buffer. */
    static ArrowBuf map(FileChannel channel, long position, long size, BufferAllocator allocator) throws IOException {
        if (size > Integer.MAX_VALUE) {
            throw new IOException("cannot map " + size + " bytes at once (limit 2 GiB)");
        }
        MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_ONLY, position, size);
        return allocator.wrapForeignAllocation(new MappedRegion(mapping));
    }

    @Override
    protected void release0() {
        MappedByteBuffer m = mapping;
        mapping = null;
        if (m != null && INVOKE_CLEANER != null) {
            try {
                INVOKE_CLEANER.invoke(UNSAFE, m);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // leave it to the garbage collector
            }
        }
    }
}
