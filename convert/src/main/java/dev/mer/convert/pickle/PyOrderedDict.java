package dev.mer.convert.pickle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code collections.OrderedDict}, for writing. CPython pickles it at protocol 2 as
 * {@code GLOBAL 'collections OrderedDict'}, EMPTY_TUPLE, REDUCE, then its items with SETITEM or
 * SETITEMS, then — only if the instance has attributes — the attribute dict and BUILD. torch's
 * {@code state_dict()} is such an OrderedDict with one attribute, {@code _metadata}
 * ({@code docs/formats/torch-save.md} §3.3).
 *
 * <p>({@link PickleMachine} reads an OrderedDict as a plain {@link Map}; this type is for
 * {@link PickleWriter}.)
 *
 * @param items the entries in order; keys and values are pickled as they are
 * @param attributes the instance's attributes ({@code vars(od)}), in order; empty for a plain OrderedDict
 */
public record PyOrderedDict(Map<Object, Object> items, Map<String, Object> attributes) implements Reducible {
    /** {@code collections.OrderedDict}. */
    public static final PyGlobal CLASS = new PyGlobal("collections", "OrderedDict");

    public PyOrderedDict {
        items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** An empty OrderedDict without attributes: {@code OrderedDict()}. */
    public PyOrderedDict() {
        this(Map.of(), Map.of());
    }

    /** {@code OrderedDict(items)}, without attributes. */
    public static PyOrderedDict of(Map<?, ?> items) {
        return new PyOrderedDict(new LinkedHashMap<Object, Object>(items), Map.of());
    }

    /** This OrderedDict with the attributes {@code attributes}, as BUILD sets them. */
    public PyOrderedDict withAttributes(Map<String, ?> newAttributes) {
        return new PyOrderedDict(items, new LinkedHashMap<String, Object>(newAttributes));
    }

    /** {@code (OrderedDict, (), vars(self) or None, None, iter(self.items()))}. */
    @Override
    public Reduction reduce() {
        return Reduction.call(CLASS, PyTuple.EMPTY)
                .withDictItems(items)
                .withState(attributes.isEmpty() ? null : attributes);
    }

    @Override
    public String toString() {
        return "OrderedDict(" + Python.repr(items) + (attributes.isEmpty() ? "" : ", attributes " + Python.repr(attributes))
                + ")";
    }
}
