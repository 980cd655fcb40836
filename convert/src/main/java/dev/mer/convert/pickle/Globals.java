package dev.mer.convert.pickle;

/**
 * The whitelist of a {@link PickleMachine}: resolves a pickled {@code module.name} to a value —
 * a {@link Callable} that REDUCE may apply, or a constant such as a type marker — or refuses it.
 * Nothing outside the whitelist is ever looked up, let alone run.
 */
@FunctionalInterface
public interface Globals {
    /**
     * The value of {@code module.name}: a {@link Callable} if it may be called.
     *
     * @throws PickleException if the global is not allowed; the message names it
     */
    Object resolve(String module, String name) throws PickleException;

    /** A whitelisted global, applied by REDUCE or NEWOBJ to the arguments tuple. */
    @FunctionalInterface
    interface Callable {
        /** Builds the value; throws {@link PickleException} on arguments it does not accept. */
        Object call(PyTuple args) throws PickleException;
    }

    /** The empty whitelist, for pickles that must hold plain data only. */
    static Globals none() {
        return (module, name) -> {
            throw new PickleException("refusing global " + module + "." + name + ": no globals are allowed here");
        };
    }
}
