package dev.mer.convert.pickle;

import java.util.List;

/**
 * A Python tuple. Distinct from {@link List} (a Python list) because the two mean different
 * things in the files we read: a task is a list, a class range is a tuple.
 *
 * @param items the elements; {@code null} elements are Python's None
 */
public record PyTuple(List<Object> items) {
    /** The empty tuple {@code ()}. */
    public static final PyTuple EMPTY = new PyTuple(List.of());

    public PyTuple {
        items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    /** The tuple of {@code items} (which may include null, Python's None). */
    public static PyTuple of(Object... items) {
        return new PyTuple(java.util.Arrays.asList(items));
    }

    /** The number of elements. */
    public int size() {
        return items.size();
    }

    /** Element {@code i}. */
    public Object get(int i) {
        return items.get(i);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(Python.repr(items.get(i)));
        }
        return b.append(items.size() == 1 ? ",)" : ")").toString();
    }
}
