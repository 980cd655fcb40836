package dev.mer.dataset;

import java.io.IOException;
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
        MappedBuffers.unmap(m);
    }
}
