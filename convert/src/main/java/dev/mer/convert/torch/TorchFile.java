package dev.mer.convert.torch;

import dev.mer.convert.pickle.Globals;
import dev.mer.convert.pickle.PersistentLoader;
import dev.mer.convert.pickle.PickleException;
import dev.mer.convert.pickle.PickleMachine;
import dev.mer.convert.pickle.Python;
import dev.mer.dataset.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code torch.save} file, parsed but not loaded: the unpickled object tree (tensors as {@link
 * Tensor}s) and the file position of every storage's bytes. Reading it touches only the pickles
 * and a few headers, whatever the file's size; the storages are left for the caller to stream.
 *
 * <p>Formats and sources: the package documentation and {@code docs/formats/torch-save.md} §1–§2
 * (detection: §5).
 */
public final class TorchFile {
    /** The two {@code torch.save} layouts. */
    public enum Format {
        /** Five pickles, then each storage as an int64 count and its bytes (torch ≤ 1.5). */
        LEGACY,
        /** An uncompressed ZIP64 archive with {@code data.pkl} and one record per storage (torch ≥ 1.6). */
        ZIP;

        /** Lower-case name, for messages and manifests. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code torch/serialization.py} MAGIC_NUMBER. */
    static final BigInteger MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);
    /** {@code torch/serialization.py} PROTOCOL_VERSION. */
    static final long PROTOCOL_VERSION = 1001;
    private static final long MAX_ZIP_PICKLE = 1L << 30;

    private final Path path;
    private final long size;
    private final Format format;
    private final Object root;
    private final Map<String, Storage> storages;
    private final Map<String, Long> positions;

    private TorchFile(Path path, long size, Format format, Object root, Map<String, Storage> storages,
                      Map<String, Long> positions) {
        this.path = path;
        this.size = size;
        this.format = format;
        this.root = root;
        this.storages = Collections.unmodifiableMap(storages);
        this.positions = Map.copyOf(positions);
    }

    /**
     * Parses {@code path}.
     *
     * @throws InvalidInputException with one line saying what is wrong: not a torch file, truncated,
     *     a refused global, a corrupt archive, a storage that does not fit the file…
     */
    public static TorchFile read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new InvalidInputException(path, "empty file, not a PyTorch .pt file");
            }
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 512));
            while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
                // fill the head of the file
            }
            head.flip();
            if (startsWith(head, 0x50, 0x4b, 0x03, 0x04)) {
                return readZip(path, ch, size);
            }
            if (startsWith(head, 0x80, 0x02, 0x8a, 0x0a)) {
                return readLegacy(path, ch, size);
            }
            if (head.limit() >= 262 && "ustar".equals(new String(head.array(), 257, 5, StandardCharsets.US_ASCII))) {
                throw new InvalidInputException(path, "a tar archive: the tar format of torch ≤ 0.1.9 is not "
                        + "supported (or unpack it first if it is an archive of .pt files)");
            }
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < Math.min(4, head.limit()); i++) {
                hex.append(String.format(Locale.ROOT, "%s%02x", i == 0 ? "" : " ", head.get(i)));
            }
            throw new InvalidInputException(path, "not a PyTorch .pt file (starts with bytes " + hex
                    + ", neither torch.save's legacy magic nor a zip archive)");
        } catch (PickleException e) {
            throw new InvalidInputException(path, e.getMessage(), e);
        }
    }

    private static boolean startsWith(ByteBuffer b, int... bytes) {
        if (b.limit() < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((b.get(i) & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static TorchFile readLegacy(Path path, FileChannel ch, long size) throws IOException {
        ch.position(0);
        InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
        long consumed = 0;
        PickleMachine m = new PickleMachine(in, size, Globals.none(),
                PersistentLoader.none());
        Object magic = pickle(m, "magic number pickle at byte " + consumed);
        consumed += m.position();
        if (!(magic instanceof BigInteger b) || !b.equals(MAGIC_NUMBER)) {
            throw new InvalidInputException(path, "wrong magic number " + Python.repr(magic)
                    + ": not a file written by torch.save");
        }
        m = plain(in, size - consumed);
        Object version = pickle(m, "protocol version pickle at byte " + consumed);
        consumed += m.position();
        if (!(version instanceof Long v) || v != PROTOCOL_VERSION) {
            throw new InvalidInputException(path, "unsupported legacy protocol version " + Python.repr(version)
                    + " (expected " + PROTOCOL_VERSION + ")");
        }
        m = plain(in, size - consumed);
        Object sysInfo = pickle(m, "sys info pickle at byte " + consumed);
        consumed += m.position();
        if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
            throw new InvalidInputException(path, "written on a big-endian machine, which is not supported");
        }
        TorchObjects objects = new TorchObjects(true);
        m = new PickleMachine(in, size - consumed, objects, objects);
        Object root = pickle(m, "main object pickle at byte " + consumed);
        consumed += m.position();
        m = plain(in, size - consumed);
        Object keys = pickle(m, "storage keys pickle at byte " + consumed);
        consumed += m.position();
        if (!(keys instanceof List<?> keyList)) {
            throw new InvalidInputException(path, "the storage key list is a " + Python.typeName(keys));
        }
        Map<String, Storage> storages = objects.storages();
        Map<String, Long> positions = new HashMap<>();
        long at = consumed;
        for (Object k : keyList) {
            String key = String.valueOf(k instanceof byte[] raw ? new String(raw, StandardCharsets.US_ASCII) : k);
            Storage s = storages.get(key);
            if (s == null) {
                throw new InvalidInputException(path, "storage key " + key + " is listed but never used (corrupt?)");
            }
            if (positions.containsKey(key)) {
                throw new InvalidInputException(path, "storage key " + key + " is listed twice (corrupt?)");
            }
            if (at + 8 > size || s.nbytes() > size - at - 8) {
                throw new InvalidInputException(path, String.format(Locale.ROOT,
                        "storage %s (%d × %s = %d bytes) does not fit in the file: it would start at byte %d "
                        + "of %d (truncated, or a corrupt size)", key, s.numel(), s.dtype().torchName(), s.nbytes(),
                        at + 8, size));
            }
            long count = ZipDirectory.readAt(ch, at, 8, path).getLong(0);
            if (count != s.numel() && Long.reverseBytes(count) != s.numel()) {
                throw new InvalidInputException(path, "storage " + key + " at byte " + at + " has " + count
                        + " elements, the pickle says " + s.numel() + " (corrupt?)");
            }
            positions.put(key, at + 8);
            at += 8 + s.nbytes();
        }
        for (String key : storages.keySet()) {
            if (!positions.containsKey(key)) {
                throw new InvalidInputException(path, "storage " + key + " is used but missing from the key list");
            }
        }
        return new TorchFile(path, size, Format.LEGACY, root, storages, positions);
    }

    private static PickleMachine plain(InputStream in, long limit) {
        return new PickleMachine(in, limit, Globals.none(),
                PersistentLoader.none());
    }

    private static Object pickle(PickleMachine m, String what) throws PickleException {
        try {
            return m.load();
        } catch (PickleException e) {
            throw new PickleException(what + ": " + e.getMessage());
        } catch (IOException e) {
            throw new PickleException(what + ": " + e.getMessage());
        }
    }

    private static TorchFile readZip(Path path, FileChannel ch, long size) throws IOException {
        Map<String, ZipDirectory.Entry> entries = ZipDirectory.read(ch, path);
        if (entries.isEmpty()) {
            throw new InvalidInputException(path, "an empty zip archive, not a torch.save file");
        }
        String first = entries.keySet().iterator().next();
        int slash = first.indexOf('/');
        if (slash < 0) {
            throw new InvalidInputException(path, "a zip archive without a top-level folder: not a torch.save file");
        }
        String prefix = first.substring(0, slash + 1);
        if (entries.containsKey(prefix + "constants.pkl")) {
            throw new InvalidInputException(path, "a TorchScript archive (torch.jit.save), not a torch.save file");
        }
        ZipDirectory.Entry pkl = entries.get(prefix + "data.pkl");
        if (pkl == null) {
            throw new InvalidInputException(path, "a zip archive without " + prefix + "data.pkl: not a torch.save file");
        }
        ZipDirectory.Entry byteorder = entries.get(prefix + "byteorder");
        if (byteorder != null && byteorder.method() == 0 && byteorder.size() < 16) {
            String order = new String(ZipDirectory.readAt(ch, byteorder.dataOffset(), (int) byteorder.size(), path)
                    .array(), StandardCharsets.US_ASCII).trim();
            if (!order.equals("little")) {
                throw new InvalidInputException(path, "byte order '" + order + "' is not supported");
            }
        }
        byte[] pickleBytes = stored(ch, pkl, path, MAX_ZIP_PICKLE);
        TorchObjects objects = new TorchObjects(false);
        Object root = pickle(new PickleMachine(new ByteArrayInputStream(pickleBytes), pickleBytes.length, objects,
                objects), "data.pkl at byte " + pkl.dataOffset());
        Map<String, Long> positions = new HashMap<>();
        for (Storage s : objects.storages().values()) {
            ZipDirectory.Entry e = entries.get(prefix + "data/" + s.key());
            if (e == null) {
                throw new InvalidInputException(path, "storage " + s.key() + " has no record " + prefix + "data/"
                        + s.key());
            }
            if (e.method() != 0) {
                throw new InvalidInputException(path, "storage record " + e.name() + " is compressed; torch.save "
                        + "stores them uncompressed");
            }
            if (e.size() < s.nbytes()) {
                throw new InvalidInputException(path, String.format(Locale.ROOT,
                        "storage %s declares %d × %s = %d bytes but its record holds %d (corrupt?)", s.key(),
                        s.numel(), s.dtype().torchName(), s.nbytes(), e.size()));
            }
            positions.put(s.key(), e.dataOffset());
        }
        return new TorchFile(path, size, Format.ZIP, root, objects.storages(), positions);
    }

    private static byte[] stored(FileChannel ch, ZipDirectory.Entry e, Path path, long max) throws IOException {
        if (e.method() != 0) {
            throw new InvalidInputException(path, e.name() + " is compressed; torch.save stores records uncompressed");
        }
        if (e.size() > max || e.size() != e.compressedSize()) {
            throw new InvalidInputException(path, e.name() + " has an implausible size " + e.size() + " (corrupt?)");
        }
        return ZipDirectory.readAt(ch, e.dataOffset(), (int) e.size(), path).array();
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** Its size in bytes. */
    public long size() {
        return size;
    }

    /** Its layout. */
    public Format format() {
        return format;
    }

    /** The saved object: lists, tuples, dicts, numbers, strings and {@link Tensor}s. */
    public Object root() {
        return root;
    }

    /** Every storage the object references. */
    public Collection<Storage> storages() {
        return storages.values();
    }

    /** The file position of the first byte of {@code storage}. */
    public long position(Storage storage) {
        Long p = positions.get(storage.key());
        if (p == null || !storage.equals(storages.get(storage.key()))) {
            throw new IllegalArgumentException("not a storage of " + path + ": " + storage);
        }
        return p;
    }

    /** The file position of {@code tensor}'s first element. */
    public long position(Tensor tensor) {
        return position(tensor.storage()) + tensor.byteOffset();
    }
}
