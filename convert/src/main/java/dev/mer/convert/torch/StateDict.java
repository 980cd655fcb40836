package dev.mer.convert.torch;

import dev.mer.convert.pickle.PyOrderedDict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's {@code state_dict()} as torch builds it ({@code torch/nn/modules/module.py}
 * {@code Module.state_dict}): an OrderedDict of parameter and buffer names to tensors, carrying
 * an attribute {@code _metadata}, an OrderedDict of every module's prefix ({@code ""} for the root,
 * then {@code "net"}, {@code "net.0"}, … in the order the modules are visited) to
 * {@code {'version': module._version}}. {@code load_state_dict} passes each module its metadata;
 * {@code nn.Linear}, {@code nn.ReLU}, {@code nn.Sequential} and the losses have version 1.
 */
public final class StateDict {
    /** The key of each module's metadata; one string, as in torch, so the pickle refers back to it. */
    private static final String VERSION = "version";

    private StateDict() {
    }

    /**
     * The state dict of {@code tensors} (name → tensor, in order) for the modules {@code modules}
     * (prefix → {@code _version}, in the order torch visits them: the root {@code ""} first, then
     * depth first in registration order).
     */
    public static PyOrderedDict of(Map<String, TensorData> tensors, Map<String, Integer> modules) {
        Map<Object, Object> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> m : modules.entrySet()) {
            Map<String, Object> local = new LinkedHashMap<>();
            local.put(VERSION, (long) m.getValue());
            metadata.put(m.getKey(), local);
        }
        return PyOrderedDict.of(tensors).withAttributes(Map.of("_metadata", new PyOrderedDict(metadata, Map.of())));
    }

    /** {@link #of(Map, Map)} with every module at version 1, as for MLPs of {@code Linear} and {@code ReLU}. */
    public static PyOrderedDict of(Map<String, TensorData> tensors, List<String> modules) {
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (String m : modules) {
            versions.put(m, 1);
        }
        return of(tensors, versions);
    }
}
