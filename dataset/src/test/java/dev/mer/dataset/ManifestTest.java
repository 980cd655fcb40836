package dev.mer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static Manifest sample() {
        ObjectNode perm = JsonNodeFactory.instance.objectNode();
        perm.put("seed", 0);
        perm.putArray("permutation").add(2).add(0).add(1);
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        settings.put("seed", 0);
        Provenance p = new Provenance("mer generate", List.of("--permutations", "2"),
                List.of(new SourceFile("train-images-idx3-ubyte.gz", 9912422,
                        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609")),
                settings, "0.1.0");
        return new Manifest(1, Split.TRAIN, List.of(3), 10, XEncoding.UINT8,
                List.of(new TaskInfo(0, TaskKind.PERMUTATION, perm, 60000), TaskInfo.rotation(1, 12.5, 60000)), p);
    }

    @Test
    void roundTripsThroughJson() {
        Manifest m = sample();
        assertEquals(m, Manifest.fromJson(m.toJson()));
    }

    @Test
    void jsonUsesSnakeCaseAndDocumentedFields() {
        String json = sample().toJson();
        for (String key : List.of("\"format_version\":1", "\"split\":\"train\"", "\"n_inputs\":3", "\"n_classes\":10",
                "\"x_encoding\":\"uint8\"", "\"kind\":\"permutation\"", "\"kind\":\"rotation\"", "\"angle\":12.5",
                "\"rows\":60000", "\"mer_version\":\"0.1.0\"", "\"sha256\":\"440fcabf")) {
            assertTrue(json.contains(key), key + " in " + json);
        }
    }

    @Test
    void forSplitChangesOnlySplitAndRows() {
        Manifest test = sample().forSplit(Split.TEST, new long[] {10000, 9999});
        assertEquals(Split.TEST, test.split());
        assertEquals(9999, test.tasks().get(1).rows());
        assertEquals(sample().tasks().get(1).parameter(), test.tasks().get(1).parameter());
    }

    @Test
    void invalidValuesAreRefusedNamingTheValue() {
        Manifest m = sample();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Manifest(1, Split.TRAIN,
                List.of(28, 0), 10, XEncoding.UINT8, m.tasks(), m.provenance()));
        assertTrue(e.getMessage().contains("[28, 0]"));
        e = assertThrows(IllegalArgumentException.class, () -> new Manifest(2, Split.TRAIN,
                List.of(3), 10, XEncoding.UINT8, m.tasks(), m.provenance()));
        assertTrue(e.getMessage().contains("version: 2"));
        e = assertThrows(IllegalArgumentException.class, () -> new Manifest(1, Split.TRAIN,
                List.of(3), 0, XEncoding.UINT8, m.tasks(), m.provenance()));
        assertTrue(e.getMessage().contains("classes: 0"));
        e = assertThrows(IllegalArgumentException.class, () -> new Manifest(1, Split.TRAIN,
                List.of(3), Manifest.MAX_CLASSES + 1, XEncoding.UINT8, m.tasks(), m.provenance()));
        assertTrue(e.getMessage().contains("classes: 1048577 (at most 1048576)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Manifest(1, Split.TRAIN,
                List.of(3), 10, XEncoding.UINT8, List.of(m.tasks().get(1)), m.provenance()));
        assertTrue(e.getMessage().contains("Task 0 has index 1"));
        assertThrows(IllegalArgumentException.class, () -> TaskInfo.rotation(0, 1.0, -1));
        assertThrows(IllegalArgumentException.class, () -> new SourceFile("a", 1, "xyz"));
    }

    @Test
    void missingFieldsAreNamed() {
        String json = sample().toJson().replace("\"n_classes\"", "\"classes\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Manifest.fromJson(json));
        assertEquals("manifest lacks 'n_classes'", e.getMessage());
    }

    @Test
    void decodesUint8ExactlyAsTorchvisionToTensor() {
        // ToTensor divides in float32: 1/255f, not 1 * (1/255f)
        assertEquals(Float.floatToIntBits(1f / 255f), Float.floatToIntBits(TaskRows.decode(1)));
        assertEquals(1.0f, TaskRows.decode(255));
        assertEquals(0.0f, TaskRows.decode(0));
    }
}
