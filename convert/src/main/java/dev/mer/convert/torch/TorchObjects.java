package dev.mer.convert.torch;

import dev.mer.convert.pickle.Globals;
import dev.mer.convert.pickle.PersistentLoader;
import dev.mer.convert.pickle.PickleException;
import dev.mer.convert.pickle.PyTuple;
import dev.mer.convert.pickle.Python;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whitelist and persistent-id resolution for the main pickle of a {@code torch.save} file,
 * mirroring {@code torch/_weights_only_unpickler.py}: tensor and parameter rebuild functions,
 * storage classes, dtypes, {@code torch.Size} and {@code collections.OrderedDict}. Any other
 * global is refused. Collects the storages the pickle references. Rebuild functions, persistent
 * ids and the whitelist: {@code docs/formats/torch-save.md} §1.4, §2.2, §3 and §4.4.
 */
final class TorchObjects implements Globals, PersistentLoader {
    /** A storage class as pickled ({@code torch.FloatStorage}); not callable. */
    record StorageType(DType dtype) {
    }

    private final boolean legacy;
    private final Map<String, Storage> storages = new LinkedHashMap<>();

    /** @param legacy whether persistent ids carry the legacy format's sixth element, view_metadata */
    TorchObjects(boolean legacy) {
        this.legacy = legacy;
    }

    /** The storages referenced so far, by key, in order of first reference. */
    Map<String, Storage> storages() {
        return storages;
    }

    @Override
    public Object resolve(String module, String name) throws PickleException {
        switch (module + "." + name) {
            case "torch._utils._rebuild_tensor":
                return (Callable) a -> rebuild(a, 4, null);
            case "torch._utils._rebuild_tensor_v2":
                return (Callable) a -> rebuild(a, 6, null);
            case "torch._utils._rebuild_tensor_v3":
                return (Callable) a -> rebuild(a, 7, a.size() > 6 ? a.get(6) : null);
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
                return (Callable) a -> {
                    arity(a, 3, name);
                    return a.get(0);
                };
            case "collections.OrderedDict":
                return (Callable) TorchObjects::orderedDict;
            case "torch.Size":
                return (Callable) a -> a.size() == 0 ? new PyTuple(List.of()) : a.get(0);
            default:
                break;
        }
        if (module.equals("torch") || module.equals("torch.cuda")) {
            DType d = DType.ofStorageClass(name);
            if (d != null) {
                return new StorageType(d);
            }
            DType dtype = module.equals("torch") ? DType.ofTorchName(name) : null;
            if (dtype != null) {
                return dtype;
            }
        }
        throw new PickleException("refusing global " + module + "." + name
                + ": only tensor, storage and OrderedDict globals are allowed (mer never runs code from a file)");
    }

    @Override
    public Object load(Object pid) throws PickleException {
        if (!(pid instanceof PyTuple id) || id.size() == 0) {
            throw new PickleException("unexpected persistent id " + Python.repr(pid));
        }
        String kind = ascii(id.get(0));
        if ("module".equals(kind)) {
            throw new PickleException("the file holds a whole pickled nn.Module (" + Python.repr(id.get(1))
                    + "), not tensors");
        }
        int expected = legacy ? 6 : 5;
        if (!"storage".equals(kind) || id.size() != expected) {
            throw new PickleException("unexpected persistent id " + Python.repr(pid) + " (expected a " + expected
                    + "-tuple starting with 'storage')");
        }
        if (!(id.get(1) instanceof StorageType type)) {
            throw new PickleException("persistent id names no storage class: " + Python.repr(id.get(1)));
        }
        String key = ascii(id.get(2));
        if (key == null) {
            key = String.valueOf(id.get(2));
        }
        long numel = longValue(id.get(4), "storage size");
        // Storage's own check is an IllegalArgumentException, a bug's; here it is the file's (issue 16).
        if (numel < 0 || numel > Long.MAX_VALUE / 16) {
            throw new PickleException("storage " + Python.repr(key) + " has an invalid size of " + numel + " elements");
        }
        Storage s = new Storage(key, type.dtype(), numel);
        Storage known = storages.putIfAbsent(key, s);
        if (known != null && !known.equals(s)) {
            throw new PickleException("storage " + key + " is declared twice, as " + known + " and " + s);
        }
        Storage root = known == null ? s : known;
        Object view = legacy ? id.get(5) : null;
        if (view == null) {
            return StorageSlice.whole(root);
        }
        if (!(view instanceof PyTuple v) || v.size() != 3) {
            throw new PickleException("bad storage view " + Python.repr(view));
        }
        try {
            return new StorageSlice(root, longValue(v.get(1), "view offset"), longValue(v.get(2), "view size"));
        } catch (IllegalArgumentException e) {
            throw new PickleException(e.getMessage());
        }
    }

    private static Object rebuild(PyTuple a, int arity, Object dtypeArg) throws PickleException {
        if (a.size() < arity || a.size() > arity + 1) {
            throw new PickleException("tensor rebuild expects " + arity + " arguments, got " + a.size());
        }
        if (!(a.get(0) instanceof StorageSlice slice)) {
            throw new PickleException("tensor rebuild needs a storage, got " + Python.typeName(a.get(0)));
        }
        long offset = longValue(a.get(1), "storage offset");
        long[] size = longs(a.get(2), "size");
        long[] stride = longs(a.get(3), "stride");
        DType dtype = slice.root().dtype();
        if (dtypeArg != null) {
            if (!(dtypeArg instanceof DType d)) {
                throw new PickleException("tensor rebuild v3 needs a dtype, got " + Python.repr(dtypeArg));
            }
            dtype = d;
        }
        if (dtype == DType.UNTYPED) {
            throw new PickleException("a tensor on an untyped storage without a dtype");
        }
        long elementOffset = slice.offset() * slice.root().dtype().size() / dtype.size() + offset;
        try {
            return new Tensor(slice.root(), elementOffset, size, stride, dtype);
        } catch (IllegalArgumentException e) {
            throw new PickleException(e.getMessage());
        }
    }

    private static Object orderedDict(PyTuple a) throws PickleException {
        Map<Object, Object> m = new LinkedHashMap<>();
        if (a.size() == 1 && a.get(0) instanceof List<?> pairs) {
            for (Object p : pairs) {
                if (!(p instanceof PyTuple kv) || kv.size() != 2) {
                    throw new PickleException("OrderedDict items must be pairs");
                }
                m.put(kv.get(0), kv.get(1));
            }
        } else if (a.size() != 0) {
            throw new PickleException("unexpected OrderedDict arguments " + Python.repr(a));
        }
        return m;
    }

    private static void arity(PyTuple a, int min, String name) throws PickleException {
        if (a.size() < min) {
            throw new PickleException(name + " expects " + min + " arguments, got " + a.size());
        }
    }

    private static String ascii(Object o) {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.US_ASCII);
        }
        return null;
    }

    private static long longValue(Object o, String what) throws PickleException {
        if (o instanceof Long l) {
            return l;
        }
        if (o instanceof BigInteger) {
            throw new PickleException(what + " " + o + " is out of range");
        }
        throw new PickleException(what + " must be an int, found " + Python.typeName(o));
    }

    private static long[] longs(Object o, String what) throws PickleException {
        List<Object> items;
        if (o instanceof PyTuple t) {
            items = t.items();
        } else if (o instanceof List<?> l) {
            items = new ArrayList<>(l);
        } else {
            throw new PickleException(what + " must be a tuple, found " + Python.typeName(o));
        }
        long[] r = new long[items.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = longValue(items.get(i), what);
        }
        return r;
    }
}
