package dev.mer.generate.idx;

import dev.mer.dataset.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one unsigned-byte IDX file, gzip-compressed or not (recognised by its content, not its
 * name). Every defect is an {@link InvalidInputException} naming the file: a wrong magic number,
 * an element type other than unsigned byte, a truncated file, corrupt gzip data (the gzip CRC is
 * checked by reading to the end), or bytes after the announced data.
 *
 * <p>Format: LeCun, Cortes and Burges, <a href="http://yann.lecun.com/exdb/mnist/">THE MNIST
 * DATABASE</a>; torchvision's {@code read_sn3_pascalvincent_tensor} reads it the same way. Summary:
 * {@code docs/formats/idx.md}.
 */
public final class IdxReader {
    private static final int GZIP_MAGIC = 0x1f8b;
    private static final int MAX_DIMENSIONS = 8;
    /** The data array's first size; it grows as the data really arrives. */
    private static final int FIRST_READ = 1 << 20;

    private IdxReader() {
    }

    /**
     * Reads an IDX file from {@code in}, which is left open.
     *
     * @param file the file's path, for messages only
     */
    public static IdxArray read(InputStream in, Path file) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        boolean gzip = ((first << 8) | second) == GZIP_MAGIC;
        try {
            InputStream body = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            return readIdx(new DataInputStream(body), file, gzip);
        } catch (ZipException e) {
            throw new InvalidInputException(file, "corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            if (gzip) {
                throw new InvalidInputException(file, "truncated gzip data", e);
            }
            throw new InvalidInputException(file, "truncated IDX header", e);
        }
    }

    private static IdxArray readIdx(DataInputStream in, Path file, boolean gzip) throws IOException {
        int magic = in.readInt();
        int typeCode = (magic >>> 8) & 0xff;
        int ndim = magic & 0xff;
        if ((magic >>> 16) != 0 || ndim == 0 || ndim > MAX_DIMENSIONS) {
            throw new InvalidInputException(file, String.format(
                    "not an IDX file (magic number 0x%08X; expected 0x000008NN, e.g. 0x00000803 for images)", magic));
        }
        IdxType type;
        try {
            type = IdxType.fromCode(typeCode);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, "not an IDX file (" + e.getMessage() + ")");
        }
        if (type != IdxType.UNSIGNED_BYTE) {
            throw new InvalidInputException(file, "IDX element type " + type + " is not supported (only unsigned bytes)");
        }
        int[] dims = new int[ndim];
        long n = 1;
        for (int i = 0; i < ndim; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) {
                throw new InvalidInputException(file, "invalid IDX dimension " + (dims[i] & 0xffffffffL));
            }
            n *= dims[i];
            if (n > Integer.MAX_VALUE - 16) {
                throw new InvalidInputException(file, "IDX data too large for one array (over 2 GB)");
            }
        }
        byte[] data = readData(in, (int) n);
        int got = data.length;
        if (got < n) {
            throw new InvalidInputException(file, "truncated: the header announces " + n + " bytes of data, only "
                    + got + " follow" + (gzip ? " in the uncompressed stream" : ""));
        }
        // Reading past the data also makes GZIPInputStream check the CRC and length trailer.
        if (in.read() >= 0) {
            throw new InvalidInputException(file, "unexpected bytes after the " + n + " bytes of data");
        }
        return new IdxArray(dims, data);
    }

    /**
     * Up to {@code n} bytes of {@code in}, fewer at its end. The header's count is not believed
     * before the bytes arrive (issue 16's fuzzing finding: a 20-byte file announcing 2 GB was an
     * OutOfMemoryError): the array starts at a megabyte and doubles as data comes, so memory stays
     * within twice what the file really holds.
     */
    private static byte[] readData(InputStream in, int n) throws IOException {
        byte[] data = new byte[Math.min(n, FIRST_READ)];
        int got = 0;
        while (got < n) {
            if (got == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(n, 2L * data.length));
            }
            int r = in.readNBytes(data, got, data.length - got);
            got += r;
            if (got < data.length) {
                break; // readNBytes stops short only at the end of the stream
            }
        }
        return got == data.length ? data : Arrays.copyOf(data, got);
    }
}
