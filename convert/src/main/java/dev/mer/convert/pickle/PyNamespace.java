package dev.mer.convert.pickle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code argparse.Namespace} (the {@code args} of a training script), for writing. It is a
 * plain Python class, so CPython pickles it at protocol 2 through {@code copyreg.__newobj__}:
 * {@code GLOBAL 'argparse Namespace'}, EMPTY_TUPLE, NEWOBJ, then — unless it has no attributes —
 * its {@code __dict__} and BUILD.
 *
 * @param attributes the attributes in order ({@code vars(args)}); values are pickled as they are,
 *     so a Python {@code int} is a {@link Long} or {@link Integer}, a {@code float} a {@link Double},
 *     {@code None} is null
 */
public record PyNamespace(Map<String, Object> attributes) implements Reducible {
    /** {@code argparse.Namespace}. */
    public static final PyGlobal CLASS = new PyGlobal("argparse", "Namespace");

    public PyNamespace {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A Namespace with these attributes, in the map's order. */
    public static PyNamespace of(Map<String, ?> attributes) {
        return new PyNamespace(new LinkedHashMap<String, Object>(attributes));
    }

    /** {@code copyreg.__reduce_ex__}: {@code (copyreg.__newobj__, (Namespace,), vars(self) or None)}. */
    @Override
    public Reduction reduce() {
        return Reduction.newObject(CLASS, PyTuple.EMPTY).withState(attributes.isEmpty() ? null : attributes);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Namespace(");
        boolean first = true;
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            b.append(first ? "" : ", ").append(e.getKey()).append('=').append(Python.repr(e.getValue()));
            first = false;
        }
        return b.append(')').toString();
    }
}
