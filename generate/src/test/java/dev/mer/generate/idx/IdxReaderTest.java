package dev.mer.generate.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    private static final Path FILE = Path.of("some", "train-images-idx3-ubyte.gz");

    private static IdxArray read(byte[] bytes) throws IOException {
        return IdxReader.read(new ByteArrayInputStream(bytes), FILE);
    }

    private static byte[] images() throws IOException {
        byte[] data = new byte[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (250 + i);
        }
        return IdxFiles.idx(new int[] {2, 3, 4}, data);
    }

    private static String problem(byte[] bytes) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(bytes));
        assertEquals(FILE, e.file());
        assertTrue(e.getMessage().startsWith(FILE + ": "), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsDimensionsAndUnsignedBytesPlainOrGzipped(boolean gzip) throws IOException {
        byte[] file = gzip ? IdxFiles.gzip(images()) : images();
        IdxArray a = read(file);
        assertArrayEquals(new int[] {2, 3, 4}, a.dimensions());
        assertEquals(2, a.count());
        assertEquals(12, a.itemSize());
        assertEquals(250, a.data()[0] & 0xff);
        assertEquals((250 + 23) & 0xff, a.data()[23] & 0xff);
    }

    @Test
    void rejectsAWrongMagicNumber() throws IOException {
        byte[] f = images();
        f[0] = 0x12;
        assertTrue(problem(f).contains("not an IDX file (magic number 0x12000803"), problem(f));
    }

    @Test
    void rejectsOtherElementTypes() throws IOException {
        byte[] f = images();
        f[2] = 0x0D;
        assertTrue(problem(f).contains("FLOAT is not supported"), problem(f));
        f[2] = 0x42;
        assertTrue(problem(f).contains("unknown IDX element type 0x42"), problem(f));
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] f = Arrays.copyOf(images(), images().length - 5);
        assertTrue(problem(f).contains("the header announces 24 bytes of data, only 19 follow"), problem(f));
        assertTrue(problem(Arrays.copyOf(f, 6)).contains("truncated IDX header"));
    }

    /**
     * Issue 16's fuzzing finding: the header's sizes were believed, and a 20-byte file announcing
     * 2 GB allocated them (an OutOfMemoryError under a fuzzing heap of 1 GB).
     */
    @Test
    void aHeaderAnnouncingGigabytesInATinyFileIsTruncationNotAnAllocation() throws IOException {
        byte[] f = IdxFiles.idx(new int[] {60000, 28, 1278}, new byte[4]);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        String m = problem(f);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(m.contains("the header announces 2147040000 bytes of data, only 4 follow"), m);
        assertTrue(allocated < 16 << 20, allocated + " bytes allocated");
    }

    @Test
    void dataLargerThanTheFirstReadGrowsToItsExactSize() throws IOException {
        byte[] data = new byte[3 << 20];
        Arrays.fill(data, (byte) 7);
        IdxArray a = read(IdxFiles.idx(new int[] {3, 1 << 20}, data));
        assertArrayEquals(data, a.data());
    }

    @Test
    void rejectsBytesAfterTheData() throws IOException {
        byte[] f = Arrays.copyOf(images(), images().length + 1);
        assertTrue(problem(f).contains("unexpected bytes after the 24 bytes of data"), problem(f));
    }

    @Test
    void rejectsTruncatedGzip() throws IOException {
        byte[] gz = IdxFiles.gzip(images());
        assertTrue(problem(Arrays.copyOf(gz, gz.length - 10)).contains("truncated gzip data"));
        assertTrue(problem(Arrays.copyOf(gz, 12)).contains("gzip"));
    }

    @Test
    void rejectsCorruptGzip() throws IOException {
        byte[] gz = IdxFiles.gzip(images());
        gz[gz.length - 6] ^= 0x55; // inside the CRC-32 trailer
        assertTrue(problem(gz).contains("corrupt gzip data"), problem(gz));
        byte[] body = IdxFiles.gzip(images());
        body[12] ^= (byte) 0xff;
        problem(body); // caught by the inflater, the CRC or the IDX checks, whichever comes first
    }
}
