package dev.mer.convert.torch;

import dev.mer.convert.pickle.PickleWriter;
import dev.mer.convert.pickle.PyTuple;
import dev.mer.dataset.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code torch.save(value, file)} as torch 1.13 writes it (the zip format, the default since torch
 * 1.6), so that {@code torch.load} reads it back: the value pickled at protocol 2 into
 * {@code <stem>/data.pkl}, every tensor's elements in a record {@code <stem>/data/<key>} (keys
 * {@code "0"}, {@code "1"}, … in order of first appearance in the pickle, records in sorted key
 * order), then {@code <stem>/version} = {@code "3\n"}; no {@code byteorder} record, which torch
 * added in 2.1 and whose absence means little-endian. Layout and sources:
 * {@code docs/formats/torch-save.md} §2 and §8.
 *
 * <p>The value is any tree that {@link PickleWriter} writes — {@code null}, Boolean, integers,
 * Double, String, {@link PyTuple}, {@link java.util.List}, {@link java.util.Map},
 * {@link dev.mer.convert.pickle.PyOrderedDict}, {@link dev.mer.convert.pickle.PyNamespace} — with
 * {@link TensorData} for tensors (see {@link StateDict} for a module's {@code state_dict()}).
 *
 * <p>The file is written atomically (a temporary beside it, fsync, rename: {@link AtomicFiles}).
 */
public final class TorchSave {
    /** {@code kProducedFileFormatVersion} of torch 1.x, the content of the {@code version} record. */
    static final String VERSION = "3\n";
    private static final String STORAGE = "storage";
    private static final String CPU = "cpu";

    private TorchSave() {
    }

    /**
     * Saves {@code value} to {@code file}, replacing it atomically.
     *
     * @throws IllegalArgumentException if the value holds something that cannot be pickled, or the
     *     file's name has an empty stem (torch refuses it too)
     */
    public static void save(Object value, Path file) throws IOException {
        String archive = archiveName(file);
        Pickled pickled = pickle(value);
        AtomicFiles.write(file, out -> write(pickled, archive, out));
    }

    /**
     * The archive's top-level folder torch uses for {@code file}: its name without the last
     * extension ({@code PyTorchStreamWriter}'s {@code basename}), e.g. {@code a.b} for
     * {@code dir/a.b.pt}.
     */
    public static String archiveName(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("not a file name: " + file);
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        String stem = dot < 0 ? s : s.substring(0, dot);
        if (stem.isEmpty()) {
            throw new IllegalArgumentException("invalid file name for torch.save: " + file
                    + " (the archive is named after the file's stem, which is empty)");
        }
        return stem;
    }

    /** The pickle of a value and the tensors it references, by storage key. */
    record Pickled(byte[] pickle, Map<String, TensorData> storages) {
    }

    /** Pickles {@code value} as torch's {@code _save} does, each tensor's storage becoming a persistent id. */
    static Pickled pickle(Object value) {
        Map<TensorData, String> keys = new IdentityHashMap<>();
        Map<String, TensorData> storages = new TreeMap<>();
        PickleWriter writer = new PickleWriter(obj -> {
            if (!(obj instanceof TensorData.StorageOf s)) {
                return null;
            }
            TensorData t = s.tensor();
            String key = keys.get(t);
            if (key == null) {
                key = String.valueOf(keys.size());
                keys.put(t, key);
                storages.put(key, t);
            }
            return PyTuple.of(STORAGE, t.storageClass(), key, CPU, t.numel());
        });
        return new Pickled(writer.dump(value), storages);
    }

    /** Writes the archive of an already pickled value to {@code out}. */
    static void write(Pickled pickled, String archiveName, OutputStream out) throws IOException {
        TorchZipWriter zip = new TorchZipWriter(out, archiveName);
        zip.writeRecord("data.pkl", pickled.pickle());
        // torch 1.x: for key in sorted(serialized_storages.keys())
        for (Map.Entry<String, TensorData> e : pickled.storages().entrySet()) {
            TensorData t = e.getValue();
            zip.writeRecord("data/" + e.getKey(), t.nbytes(), t::writeTo);
        }
        zip.writeRecord("version", VERSION.getBytes(StandardCharsets.US_ASCII));
        zip.finish();
    }
}
