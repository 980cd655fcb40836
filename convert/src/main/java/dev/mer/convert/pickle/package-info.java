/**
 * A pickle machine for the subset of Python's pickle protocols 0–5 that {@code torch.save}
 * writes, which never runs code: every {@code GLOBAL} is looked up in a whitelist supplied by the
 * caller and anything else is refused before the stream goes any further, like
 * {@code torch.load(weights_only=True)}. Objects come out as plain Java values: {@link
 * java.lang.Long}/{@link java.math.BigInteger}, {@link java.lang.Double}, {@link
 * java.lang.String}, {@code byte[]}, {@link java.lang.Boolean}, {@code null} for None, {@link
 * java.util.List}, {@link java.util.Map}, {@link dev.mer.convert.pickle.PyTuple} and whatever the
 * whitelisted callables return.
 *
 * <p>The other direction, {@link dev.mer.convert.pickle.PickleWriter}, writes protocol-2 pickles
 * byte for byte as CPython's {@code pickle.dumps(obj, protocol=2)} does, from the same Java values
 * plus {@link dev.mer.convert.pickle.PyOrderedDict}, {@link dev.mer.convert.pickle.PyNamespace},
 * {@link dev.mer.convert.pickle.PyGlobal} and any {@link dev.mer.convert.pickle.Reducible}.
 *
 * <p>Opcodes: CPython {@code Lib/pickletools.py}; the restricted subset follows PyTorch's
 * {@code torch/_weights_only_unpickler.py}. Opcode table, and which writers produce which
 * opcodes: {@code docs/formats/torch-save.md} §4.
 */
package dev.mer.convert.pickle;
