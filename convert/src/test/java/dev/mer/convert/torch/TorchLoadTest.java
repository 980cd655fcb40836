package dev.mer.convert.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.dataset.Python3;
import dev.mer.convert.pickle.PyNamespace;
import dev.mer.convert.pickle.PyOrderedDict;
import dev.mer.convert.pickle.PyTuple;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real client: Debian's PyTorch ({@code torch.load}) reads what {@link TorchSave} writes. A
 * Python script loads the file and prints a JSON description of every value (Python types, tensor
 * dtypes, shapes, strides and element bits, OrderedDict items and attributes, Namespace
 * attributes); the test compares it with the same description of the Java value. The script also
 * saves what it loaded again with {@code torch.save} under the same file name, and the test
 * compares the bytes: torch writes back exactly the file it read.
 */
class TorchLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String DESCRIBE = """
            import argparse, collections, json, struct, sys, torch
            def describe(v):
                if isinstance(v, torch.Tensor):
                    d = {'type': 'tensor', 'dtype': str(v.dtype).replace('torch.', ''), 'shape': list(v.shape),
                         'stride': list(v.stride()), 'offset': v.storage_offset(), 'storage': v.storage().size(),
                         'requires_grad': v.requires_grad}
                    if v.dtype == torch.float32:
                        d['bits'] = v.contiguous().view(torch.int32).flatten().tolist()
                    else:
                        d['values'] = [str(x) for x in v.flatten().tolist()]
                    return d
                t = type(v)
                if v is None: return {'type': 'None'}
                if t is bool: return {'type': 'bool', 'value': v}
                if t is int: return {'type': 'int', 'value': str(v)}
                if t is float: return {'type': 'float', 'bits': str(struct.unpack('<q', struct.pack('<d', v))[0])}
                if t is str: return {'type': 'str', 'value': v}
                if t is tuple: return {'type': 'tuple', 'items': [describe(x) for x in v]}
                if t is list: return {'type': 'list', 'items': [describe(x) for x in v]}
                if t is dict: return {'type': 'dict', 'items': [[describe(k), describe(x)] for k, x in v.items()]}
                if t is collections.OrderedDict:
                    return {'type': 'OrderedDict', 'items': [[describe(k), describe(x)] for k, x in v.items()],
                            'attributes': [[k, describe(x)] for k, x in vars(v).items()]}
                if t is argparse.Namespace:
                    return {'type': 'Namespace', 'attributes': [[k, describe(x)] for k, x in vars(v).items()]}
                return {'type': 'unexpected ' + t.__module__ + '.' + t.__name__}
            def load_state_dict(v):
                # MER's Net: an MLP as net.net (Linear, ReLU, ..., Linear) and a CrossEntropyLoss as bce
                if not (type(v) is tuple and len(v) == 6 and type(v[2]) is collections.OrderedDict):
                    return 'not a result tuple'
                sd = v[2]
                linear = sorted(int(k.split('.')[2]) for k in sd if k.endswith('.weight'))
                layers = []
                for i in range(linear[-1] + 1):
                    if i in linear:
                        w = sd['net.net.%d.weight' % i]
                        layers.append(torch.nn.Linear(w.shape[1], w.shape[0]))
                    else:
                        layers.append(torch.nn.ReLU())
                mlp = torch.nn.Module(); mlp.net = torch.nn.Sequential(*layers)
                net = torch.nn.Module(); net.net = mlp; net.bce = torch.nn.CrossEntropyLoss()
                net.load_state_dict(sd)  # strict
                for k, p in net.state_dict().items():
                    if not torch.equal(p, sd[k]):
                        return 'parameter %s differs after load_state_dict' % k
                return 'ok'
            path, again = sys.argv[1], sys.argv[2]
            v = torch.load(path)
            try:
                torch.load(path, weights_only=True)
                weights_only = 'ok'
            except Exception as e:
                weights_only = type(e).__name__
            torch.save(v, again)
            print(json.dumps({'torch': torch.__version__, 'value': describe(v), 'load_state_dict': load_state_dict(v),
                              'weights_only': weights_only}))
            """;

    @TempDir
    Path dir;

    /** The description the script prints for a Java value. */
    static JsonNode describe(Object v) {
        ObjectNode d = NODES.objectNode();
        if (v instanceof TensorData t) {
            d.put("type", "tensor").put("dtype", t.dtype().torchName());
            ArrayNode shape = d.putArray("shape");
            for (long s : t.shape()) {
                shape.add(s);
            }
            ArrayNode stride = d.putArray("stride");
            for (long s : t.stride()) {
                stride.add(s);
            }
            d.put("offset", 0).put("storage", t.numel()).put("requires_grad", false);
            if (t.dtype() == DType.FLOAT32) {
                ArrayNode bits = d.putArray("bits");
                for (float f : t.floats()) {
                    bits.add(Float.floatToRawIntBits(f));
                }
            } else {
                ArrayNode values = d.putArray("values");
                for (long l : t.longs()) {
                    values.add(Long.toString(l));
                }
            }
        } else if (v == null) {
            d.put("type", "None");
        } else if (v instanceof Boolean b) {
            d.put("type", "bool").put("value", b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
            d.put("type", "int").put("value", v.toString());
        } else if (v instanceof Double x) {
            d.put("type", "float").put("bits", Long.toString(Double.doubleToRawLongBits(x)));
        } else if (v instanceof String s) {
            d.put("type", "str").put("value", s);
        } else if (v instanceof PyTuple t) {
            d.put("type", "tuple").set("items", items(t.items()));
        } else if (v instanceof List<?> l) {
            d.put("type", "list").set("items", items(l));
        } else if (v instanceof Map<?, ?> m) {
            d.put("type", "dict").set("items", pairs(m, true));
        } else if (v instanceof PyOrderedDict od) {
            d.put("type", "OrderedDict").set("items", pairs(od.items(), true));
            d.set("attributes", pairs(od.attributes(), false));
        } else if (v instanceof PyNamespace ns) {
            d.put("type", "Namespace").set("attributes", pairs(ns.attributes(), false));
        } else {
            throw new IllegalArgumentException("no description for " + v);
        }
        return d;
    }

    private static ArrayNode items(List<?> l) {
        ArrayNode a = NODES.arrayNode();
        l.forEach(x -> a.add(describe(x)));
        return a;
    }

    private static ArrayNode pairs(Map<?, ?> m, boolean describeKeys) {
        ArrayNode a = NODES.arrayNode();
        m.forEach((k, x) -> a.add(NODES.arrayNode().add(describeKeys ? describe(k) : NODES.textNode((String) k))
                .add(describe(x))));
        return a;
    }

    /** Saves {@code value} as {@code name}, has torch load it, and checks the description and the re-save. */
    private JsonNode loadWithTorch(Object value, String name) throws IOException {
        String python = Python3.requireTorch();
        Path file = dir.resolve(name);
        TorchSave.save(value, file);
        Path again = Files.createDirectories(dir.resolve("again")).resolve(name);
        JsonNode result = JSON.readTree(Python3.check(python, DESCRIBE, file.toString(), again.toString()));
        // normalise the Java description through the same JSON reader (int and long nodes alike)
        JsonNode expected = JSON.readTree(JSON.writeValueAsString(describe(value)));
        assertEquals(expected, result.get("value"), "torch " + result.get("torch").asText() + " loaded");
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again),
                "torch.save of what torch.load read gives back the same bytes");
        return result;
    }

    @Test
    void torchLoadsMainPysResultTupleAndTheStateDictLoadsIntoTheModel() throws IOException {
        JsonNode result = loadWithTorch(MainResult.value(), "meralg1_mnist_rotations.pt_2024_01_01_00_00_00_abc.pt");
        assertEquals("ok", result.get("load_state_dict").asText(), "model.load_state_dict(state_dict)");
        JsonNode value = result.get("value");
        assertEquals("Namespace", value.get("items").get(5).get("type").asText());
        JsonNode stats = value.get("items").get(3);
        assertEquals("list", stats.get("type").asText());
        for (JsonNode s : stats.get("items")) {
            assertEquals("float32", s.get("dtype").asText());
            assertEquals(0, s.get("shape").size(), "stats are 0-d tensors, as fin.mean() is");
        }
    }

    @Test
    void torchLoadsWhatItWrites() throws IOException {
        // (torch 1.13's weights_only unpickler refuses BINFLOAT, so the zoo's floats keep it out)
        loadWithTorch(TorchSaveTest.zoo(), "zoo.pt");
    }

    @Test
    void torchLoadsAStateDictWithWeightsOnly() throws IOException {
        JsonNode result = loadWithTorch(StateDict.of(MainResult.parameters(), MainResult.MODULES), "sd.pt");
        assertEquals("ok", result.get("weights_only").asText(), "torch.load(weights_only=True)");
    }

    @Test
    void torchLoadsPlainValuesAndEmptyContainers() throws IOException {
        loadWithTorch(PyTuple.of(PyTuple.EMPTY, List.of(), Map.of(), new PyOrderedDict(), PyNamespace.of(Map.of()),
                "", 0L, -0.0, Double.NaN), "plain.pt");
    }
}
