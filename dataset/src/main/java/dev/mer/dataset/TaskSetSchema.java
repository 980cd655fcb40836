package dev.mer.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema of a task-set split, and its validation on read. Column order is fixed:
 * {@code task}, {@code x}, {@code y}.
 */
public final class TaskSetSchema {
    /** Name of the column holding the task index. */
    public static final String TASK = "task";
    /** Name of the column holding the inputs. */
    public static final String X = "x";
    /** Name of the column holding the labels. */
    public static final String Y = "y";
    /** The canonical Arrow extension that declares {@code x} a tensor of fixed shape. */
    public static final String TENSOR_EXTENSION = "arrow.fixed_shape_tensor";

    static final String EXTENSION_NAME_KEY = "ARROW:extension:name";
    static final String EXTENSION_METADATA_KEY = "ARROW:extension:metadata";

    private static final ArrowType INT32 = new ArrowType.Int(32, true);
    private static final ArrowType UINT8 = new ArrowType.Int(8, false);
    private static final ArrowType FLOAT32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskSetSchema() {
    }

    /** The schema of a split described by {@code manifest}, the manifest in its metadata. */
    public static Schema of(Manifest manifest) {
        Field item = new Field("item", FieldType.notNullable(valueType(manifest.encoding())), null);
        String shapeJson = "{\"shape\":" + manifest.shape().toString().replace(" ", "") + "}";
        FieldType xType = new FieldType(false, new ArrowType.FixedSizeList(manifest.nInputs()), null,
                Map.of(EXTENSION_NAME_KEY, TENSOR_EXTENSION, EXTENSION_METADATA_KEY, shapeJson));
        List<Field> fields = List.of(
                new Field(TASK, FieldType.notNullable(INT32), null),
                new Field(X, xType, List.of(item)),
                new Field(Y, FieldType.notNullable(INT32), null));
        return new Schema(fields, Map.of(Manifest.METADATA_KEY, manifest.toJson()));
    }

    static ArrowType valueType(XEncoding encoding) {
        return encoding == XEncoding.UINT8 ? UINT8 : FLOAT32;
    }

    /**
     * Checks that {@code schema} is a task-set schema and returns its manifest.
     *
     * @throws InvalidInputException naming {@code file} and the first mismatch
     */
    public static Manifest validate(Schema schema, Path file) throws InvalidInputException {
        String json = schema.getCustomMetadata() == null ? null : schema.getCustomMetadata().get(Manifest.METADATA_KEY);
        if (json == null) {
            throw new InvalidInputException(file, "not a mer task-set: the Arrow schema has no '"
                    + Manifest.METADATA_KEY + "' metadata");
        }
        Manifest m;
        try {
            m = Manifest.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, "bad task-set manifest: " + e.getMessage());
        }
        List<Field> f = schema.getFields();
        if (f.size() != 3 || !f.get(0).getName().equals(TASK) || !f.get(1).getName().equals(X)
                || !f.get(2).getName().equals(Y)) {
            throw new InvalidInputException(file, "wrong task-set schema: expected columns (task, x, y), found "
                    + f.stream().map(Field::getName).toList());
        }
        requireType(f.get(0), INT32, file);
        requireType(f.get(2), INT32, file);
        Field x = f.get(1);
        if (!(x.getType() instanceof ArrowType.FixedSizeList list) || list.getListSize() != m.nInputs()) {
            throw new InvalidInputException(file, "wrong task-set schema: column x is " + x.getType()
                    + ", expected FixedSizeList(" + m.nInputs() + ")");
        }
        if (x.getChildren().size() != 1) {
            throw new InvalidInputException(file, "wrong task-set schema: column x has "
                    + x.getChildren().size() + " children");
        }
        requireType(x.getChildren().get(0), valueType(m.encoding()), file);
        checkTensorShape(x, m, file);
        return m;
    }

    private static void checkTensorShape(Field x, Manifest m, Path file) throws InvalidInputException {
        Map<String, String> md = x.getMetadata();
        String ext = md == null ? null : md.get(EXTENSION_METADATA_KEY);
        if (ext == null) {
            return; // the extension declaration helps other readers; the manifest is authoritative
        }
        try {
            JsonNode shape = JSON.readTree(ext).get("shape");
            if (shape != null && !shape.toString().replace(" ", "").equals(m.shape().toString().replace(" ", ""))) {
                throw new InvalidInputException(file, "tensor shape " + shape + " of column x disagrees with the manifest's "
                        + m.shape());
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, "bad arrow.fixed_shape_tensor metadata on column x: " + ext);
        }
    }

    private static void requireType(Field field, ArrowType expected, Path file) throws InvalidInputException {
        if (!field.getType().equals(expected)) {
            throw new InvalidInputException(file, "wrong task-set schema: column " + field.getName() + " is "
                    + field.getType() + ", expected " + expected);
        }
    }
}
