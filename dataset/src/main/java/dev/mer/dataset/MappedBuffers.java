package dev.mer.dataset;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Explicit unmapping of memory-mapped files. Java unmaps a {@link MappedByteBuffer} only when the
 * garbage collector finds it unreachable, which lets the resident size of a stream over a 20 GB
 * file grow with the heap's mood; {@code sun.misc.Unsafe.invokeCleaner} (exported by the
 * {@code jdk.unsupported} module) unmaps at once.
 */
public final class MappedBuffers {
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
            m = null; // without it mappings are released by the garbage collector
        }
        INVOKE_CLEANER = m;
        UNSAFE = u;
    }

    private MappedBuffers() {
    }

    /**
     * Unmaps {@code buffer} now (or leaves it to the garbage collector where the JVM does not allow
     * it). The buffer and every view of it must not be used afterwards: that would crash the JVM.
     */
    public static void unmap(MappedByteBuffer buffer) {
        if (buffer != null && INVOKE_CLEANER != null) {
            try {
                INVOKE_CLEANER.invoke(UNSAFE, buffer);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // left to the garbage collector
            }
        }
    }
}
