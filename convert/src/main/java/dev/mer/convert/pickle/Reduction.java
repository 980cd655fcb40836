package dev.mer.convert.pickle;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of CPython's {@code __reduce_ex__(2)}, which {@link PickleWriter} writes as
 * {@code pickle.Pickler.save_reduce} does:
 *
 * <ol>
 *   <li>{@code callable}, {@code args}, REDUCE, or for {@link #newObject} the class,
 *       {@code args}, NEWOBJ ({@code copyreg.__newobj__} at protocol 2);</li>
 *   <li>a memo entry for the new object;</li>
 *   <li>{@code listItems} as APPEND/APPENDS, {@code dictItems} as SETITEM/SETITEMS, in batches of
 *       1000 as CPython batches an iterator;</li>
 *   <li>{@code state} and BUILD, if {@code state} is not null.</li>
 * </ol>
 *
 * @param callable what REDUCE calls, usually a {@link PyGlobal}; the class for NEWOBJ
 * @param args its arguments
 * @param newObject whether to write NEWOBJ ({@code cls.__new__(cls, *args)}) rather than REDUCE
 * @param state the BUILD state, or null for none
 * @param listItems items appended after construction, or null
 * @param dictItems items set after construction, or null
 */
public record Reduction(Object callable, PyTuple args, boolean newObject, Object state, List<?> listItems,
                        Map<?, ?> dictItems) {
    public Reduction {
        Objects.requireNonNull(callable, "callable");
        Objects.requireNonNull(args, "args");
    }

    /** {@code callable(*args)}: REDUCE. */
    public static Reduction call(Object callable, PyTuple args) {
        return new Reduction(callable, args, false, null, null, null);
    }

    /** {@code cls.__new__(cls, *args)}: NEWOBJ, as {@code object.__reduce_ex__(2)} gives for plain classes. */
    public static Reduction newObject(PyGlobal cls, PyTuple args) {
        return new Reduction(cls, args, true, null, null, null);
    }

    /** This reduction with a BUILD state (null for none). */
    public Reduction withState(Object newState) {
        return new Reduction(callable, args, newObject, newState, listItems, dictItems);
    }

    /** This reduction with items appended after construction. */
    public Reduction withListItems(List<?> items) {
        return new Reduction(callable, args, newObject, state, items, dictItems);
    }

    /** This reduction with items set after construction. */
    public Reduction withDictItems(Map<?, ?> items) {
        return new Reduction(callable, args, newObject, state, listItems, items);
    }
}
