package dev.mer.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a task-set split holds, stored as JSON in the Arrow schema's custom metadata under
 * {@value #METADATA_KEY}. The train and test files each carry one, identical but for
 * {@code split} and the per-task row counts.
 *
 * @param formatVersion the task-set format version ({@value #FORMAT_VERSION})
 * @param split which split this file holds
 * @param shape the shape of one input, e.g. {@code [28, 28]}; its product is {@code nInputs}
 * @param nClasses the number of classes; every label is in {@code [0, nClasses)}
 * @param encoding how {@code x} is stored
 * @param tasks the tasks, in stream order, {@code tasks.get(i).index() == i}
 * @param provenance where the data came from
 */
public record Manifest(int formatVersion, Split split, List<Integer> shape, int nClasses,
                       XEncoding encoding, List<TaskInfo> tasks, Provenance provenance) {

    /** Schema metadata key of the manifest. */
    public static final String METADATA_KEY = "mer.manifest";
    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /**
     * The most classes a task-set may declare, as many as {@code mer convert} takes a label to be
     * (larger ones are corruption): the trainer's output layer is this wide, so a manifest cannot
     * have it allocate gigabytes whatever the file's size (issue 16).
     */
    public static final int MAX_CLASSES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public Manifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("Unsupported task-set format version: " + formatVersion
                    + " (this mer reads version " + FORMAT_VERSION + ")");
        }
        Objects.requireNonNull(split, "split");
        shape = List.copyOf(shape);
        if (shape.isEmpty()) {
            throw new IllegalArgumentException("Invalid input shape: []");
        }
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("Invalid input shape: " + shape);
            }
            n *= d;
            if (n > Integer.MAX_VALUE / 4) {
                throw new IllegalArgumentException("Input shape too large: " + shape);
            }
        }
        if (nClasses <= 0 || nClasses > MAX_CLASSES) {
            throw new IllegalArgumentException("Invalid number of classes: " + nClasses
                    + (nClasses > 0 ? " (at most " + MAX_CLASSES + ")" : ""));
        }
        Objects.requireNonNull(encoding, "encoding");
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("A task-set needs at least one task");
        }
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).index() != i) {
                throw new IllegalArgumentException("Task " + i + " has index " + tasks.get(i).index());
            }
        }
        Objects.requireNonNull(provenance, "provenance");
    }

    /** Values per input row: the product of {@link #shape()}. */
    public int nInputs() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The number of tasks. */
    public int taskCount() {
        return tasks.size();
    }

    /** The total number of rows over all tasks. */
    public long totalRows() {
        long n = 0;
        for (TaskInfo t : tasks) {
            n += t.rows();
        }
        return n;
    }

    /** This manifest for the other split, with that split's row counts. */
    public Manifest forSplit(Split otherSplit, long[] rowsPerTask) {
        if (rowsPerTask.length != tasks.size()) {
            throw new IllegalArgumentException("Expected " + tasks.size() + " row counts, got " + rowsPerTask.length);
        }
        List<TaskInfo> t = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            t.add(tasks.get(i).withRows(rowsPerTask[i]));
        }
        return new Manifest(formatVersion, otherSplit, shape, nClasses, encoding, t, provenance);
    }

    /** The same manifest with another encoding. */
    public Manifest withEncoding(XEncoding newEncoding) {
        return new Manifest(formatVersion, split, shape, nClasses, newEncoding, tasks, provenance);
    }

    /** The manifest as a JSON tree (snake_case keys, stable order). */
    public ObjectNode toJsonTree() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "mer.task-set");
        root.put("format_version", formatVersion);
        root.put("split", split.jsonName());
        ArrayNode sh = root.putArray("shape");
        shape.forEach(sh::add);
        root.put("n_inputs", nInputs());
        root.put("n_classes", nClasses);
        root.put("x_encoding", encoding.jsonName());
        ArrayNode ts = root.putArray("tasks");
        for (TaskInfo t : tasks) {
            ObjectNode o = ts.addObject();
            o.put("index", t.index());
            o.put("kind", t.kind().jsonName());
            o.set("parameter", t.parameter());
            o.put("rows", t.rows());
        }
        ObjectNode p = root.putObject("provenance");
        p.put("tool", provenance.tool());
        ArrayNode args = p.putArray("arguments");
        provenance.arguments().forEach(args::add);
        ArrayNode src = p.putArray("sources");
        for (SourceFile f : provenance.sources()) {
            ObjectNode o = src.addObject();
            o.put("name", f.name());
            o.put("size", f.size());
            o.put("sha256", f.sha256());
        }
        p.set("settings", provenance.settings());
        p.put("mer_version", provenance.merVersion());
        return root;
    }

    /** The manifest as compact JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The rotation angle of every task of the task-set at {@code taskSet}, in task order (e.g. a
     * converted MER {@code mnist_rotations}, to regenerate it from raw images).
     *
     * @throws InvalidInputException if a task is not a rotation with an angle
     */
    public static List<Double> rotationAngles(Path taskSet, BufferAllocator allocator) throws IOException {
        try (TaskSet set = TaskSet.open(taskSet, allocator)) {
            List<Double> angles = new ArrayList<>();
            for (TaskInfo t : set.manifest().tasks()) {
                JsonNode angle = t.parameter().get("angle");
                if (t.kind() != TaskKind.ROTATION || angle == null || !angle.isNumber()) {
                    throw new InvalidInputException(taskSet, "task " + t.index() + " is not a rotation with an angle ("
                            + t.kind().jsonName() + " " + t.parameter() + ")");
                }
                angles.add(angle.doubleValue());
            }
            return angles;
        }
    }

    /**
     * Parses a manifest.
     *
     * @throws IllegalArgumentException naming the missing or bad field
     */
    public static Manifest fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("manifest is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("manifest is not a JSON object");
        }
        List<Integer> shape = new ArrayList<>();
        for (JsonNode d : required(root, "shape")) {
            shape.add(d.asInt());
        }
        List<TaskInfo> tasks = new ArrayList<>();
        for (JsonNode t : required(root, "tasks")) {
            tasks.add(new TaskInfo(required(t, "index").asInt(),
                    TaskKind.fromJsonName(required(t, "kind").asText()),
                    t.get("parameter"), required(t, "rows").asLong()));
        }
        JsonNode p = required(root, "provenance");
        List<String> args = new ArrayList<>();
        for (JsonNode a : required(p, "arguments")) {
            args.add(a.asText());
        }
        List<SourceFile> sources = new ArrayList<>();
        for (JsonNode s : required(p, "sources")) {
            sources.add(new SourceFile(required(s, "name").asText(), required(s, "size").asLong(),
                    required(s, "sha256").asText()));
        }
        Provenance prov = new Provenance(required(p, "tool").asText(), args, sources, p.get("settings"),
                required(p, "mer_version").asText());
        Manifest m = new Manifest(required(root, "format_version").asInt(),
                Split.fromJsonName(required(root, "split").asText()), shape,
                required(root, "n_classes").asInt(), XEncoding.fromJsonName(required(root, "x_encoding").asText()),
                tasks, prov);
        if (root.has("n_inputs") && root.get("n_inputs").asInt() != m.nInputs()) {
            throw new IllegalArgumentException("manifest n_inputs " + root.get("n_inputs").asInt()
                    + " does not match shape " + shape);
        }
        return m;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("manifest lacks '" + field + "'");
        }
        return v;
    }
}
