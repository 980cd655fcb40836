package dev.mer.convert.pickle;

import java.util.Objects;

/**
 * A reference to a Python class or function by module and name, as pickled by {@code GLOBAL}
 * ({@code c module\nname\n}). Two references with the same module and name are the same Python
 * object, so {@link PickleWriter} writes the second as a memo reference, as CPython does.
 *
 * <p>The names are written as given: at protocol 2 CPython maps Python 3 module names to their
 * Python 2 spelling ({@code fix_imports}, e.g. {@code builtins} → {@code __builtin__}); a caller
 * that needs such a name passes the Python 2 spelling. The globals torch writes ({@code
 * collections.OrderedDict}, {@code argparse.Namespace}, {@code torch._utils.*}, {@code
 * torch.*Storage}) are the same in both.
 *
 * @param module the module, e.g. {@code collections}
 * @param name the attribute of the module, e.g. {@code OrderedDict}
 */
public record PyGlobal(String module, String name) {
    public PyGlobal {
        check(Objects.requireNonNull(module, "module"));
        check(Objects.requireNonNull(name, "name"));
    }

    private static void check(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a pickled global needs a non-empty printable ASCII name, not '"
                    + s + "'");
        }
    }

    @Override
    public String toString() {
        return module + "." + name;
    }
}
