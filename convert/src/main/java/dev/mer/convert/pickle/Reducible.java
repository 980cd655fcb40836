package dev.mer.convert.pickle;

/**
 * A value that {@link PickleWriter} pickles the way CPython pickles an object through its
 * {@code __reduce_ex__(2)}: as a call (REDUCE) or a class instantiation (NEWOBJ), followed by
 * list or dict items and a BUILD state. {@link PyOrderedDict} and {@link PyNamespace} are
 * examples.
 */
@FunctionalInterface
public interface Reducible {
    /** What {@code obj.__reduce_ex__(2)} returns for this object in Python. */
    Reduction reduce();
}
