package dev.mer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Our files read by an independent Arrow implementation: Apache Arrow JS under Node.js. */
class TaskSetInteropTest {
    private static final String NODE_PATH = System.getenv("MER_ARROW_JS_NODE_PATH");

    @TempDir
    Path tmp;
    @RegisterExtension
    final LeakCheckedAllocator allocator = new LeakCheckedAllocator();

    @Test
    void apacheArrowJsReadsEveryRowTheManifestAndTheTensorExtension() throws Exception {
        TestEnvironment.assume(NODE_PATH != null && Files.isDirectory(Path.of(NODE_PATH, "apache-arrow")),
                "Node.js and Apache Arrow JS: npm install --prefix DIR apache-arrow@21.2.0, then set "
                        + "MER_ARROW_JS_NODE_PATH=DIR/node_modules");
        Path dir = tmp.resolve("set");
        int tasks = 3;
        int rows = 25;
        TaskSetFixtures.write(dir, 11, tasks, rows, 5, XEncoding.UINT8, List.of(28, 28), 784 * 10, 25, allocator);

        JsonNode seen = readWithArrowJs(dir.resolve("train.arrow"));

        assertEquals(tasks * rows, seen.get("rows").asInt());
        assertEquals(9, seen.get("batches").asInt());
        assertEquals("[\"task:Int32\",\"x:FixedSizeList[784]<Uint8>\",\"y:Int32\"]", seen.get("fields").toString());
        assertEquals("arrow.fixed_shape_tensor", seen.get("extensionName").asText());
        assertEquals("{\"shape\":[28,28]}", seen.get("extensionMetadata").asText());
        assertEquals(tasks, seen.get("manifest").get("tasks").size());
        long xSum = 0;
        long ySum = 0;
        for (int t = 0; t < tasks; t++) {
            assertEquals(rows, seen.get("rowsPerTask").get(Integer.toString(t)).asInt());
            for (int r = 0; r < rows; r++) {
                ySum += TaskSetFixtures.label(Split.TRAIN, t, r);
                for (int i = 0; i < 784; i++) {
                    xSum += TaskSetFixtures.value(11, Split.TRAIN, t, r, i) & 0xff;
                }
            }
        }
        assertEquals(xSum, seen.get("xSum").asLong());
        assertEquals(ySum, seen.get("ySum").asLong());
        for (int i = 0; i < 784; i++) {
            assertEquals(TaskSetFixtures.value(11, Split.TRAIN, 0, 0, i) & 0xff, seen.get("firstRowX").get(i).asInt());
        }
    }

    private JsonNode readWithArrowJs(Path file) throws IOException, InterruptedException {
        Path script = Path.of("src/test/js/read-task-set.cjs").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), file.toString());
        pb.environment().put("NODE_PATH", NODE_PATH);
        pb.redirectErrorStream(false);
        Path err = tmp.resolve("node.err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("node failed: " + Files.readString(err));
        }
        return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    }
}
