package dev.mer.convert.pickle;

/**
 * Resolves the persistent ids of BINPERSID, which is how {@code torch.save} replaces storages by
 * references to data outside the pickle.
 */
@FunctionalInterface
public interface PersistentLoader {
    /** The object the id stands for; throws {@link PickleException} on ids it does not accept. */
    Object load(Object persistentId) throws PickleException;

    /** Refuses every persistent id. */
    static PersistentLoader none() {
        return pid -> {
            throw new PickleException("unexpected persistent id " + Python.repr(pid));
        };
    }
}
