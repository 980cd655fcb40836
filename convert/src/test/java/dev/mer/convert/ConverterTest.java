package dev.mer.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mer.convert.torch.TorchFile;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.LeakCheckedAllocator;
import dev.mer.dataset.Manifest;
import dev.mer.dataset.SourceFile;
import dev.mer.dataset.TaskKind;
import dev.mer.dataset.TaskRows;
import dev.mer.dataset.TaskSet;
import dev.mer.dataset.TaskSetFile;
import dev.mer.dataset.XEncoding;
import dev.mer.dataset.files.Digests;
import dev.mer.dataset.progress.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConverterTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final LeakCheckedAllocator allocator = new LeakCheckedAllocator();

    private ConvertReport convert(String fixture, EncodingChoice encoding) throws IOException {
        Path input = Fixtures.copy(fixture + ".pt", tmp);
        return Converter.convert(new ConvertRequest(input, null, encoding, false, List.of(fixture + ".pt")),
                allocator, Progress.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rotations_zip", "rotations_legacy", "permutations_zip", "permutations_legacy",
        "views_zip", "views_legacy", "rotations_v1", "gem_raw", "noisy"})
    void convertsEveryValueAsTorchSeesIt(String fixture) throws Exception {
        JsonNode expected = Fixtures.sidecar(fixture);
        ConvertReport report = convert(fixture, EncodingChoice.AUTO);
        assertEquals(tmp.resolve(fixture).toAbsolutePath(), report.output());
        XEncoding encoding = XEncoding.fromJsonName(expected.get("encoding").asText());
        assertEquals(encoding, report.encoding(), report.encodingReason());
        try (TaskSet set = TaskSet.open(report.output(), allocator)) {
            Manifest m = set.manifest();
            assertEquals(encoding, m.encoding());
            assertEquals(expected.get("shape").toString(), m.shape().toString().replace(" ", ""));
            int maxLabel = -1;
            for (String split : List.of("train", "test")) {
                TaskSetFile file = split.equals("train") ? set.train() : set.test();
                JsonNode tasks = expected.get("splits").get(split);
                for (int t = 0; t < tasks.size(); t++) {
                    JsonNode task = tasks.get(t);
                    TaskRows rows = file.task(t);
                    assertEquals(task.get("rows").asInt(), rows.rows(), split + " task " + t);
                    ByteBuffer x = ByteBuffer.wrap(Base64.getDecoder().decode(task.get("x").asText()))
                            .order(ByteOrder.LITTLE_ENDIAN);
                    int d = rows.nInputs();
                    float[] row = new float[d];
                    for (int r = 0; r < rows.rows(); r++) {
                        rows.copyRow(r, row, 0);
                        for (int c = 0; c < d; c++) {
                            float want = x.getFloat((r * d + c) * 4);
                            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(row[c]),
                                    split + " task " + t + " row " + r + " column " + c);
                        }
                        int label = task.get("y").get(r).asInt();
                        assertEquals(label, rows.label(r));
                        maxLabel = Math.max(maxLabel, label);
                    }
                }
            }
            assertEquals(maxLabel + 1, m.nClasses());
        }
    }

    @Test
    void recordsDescriptorsAsTaskKinds() throws Exception {
        ConvertReport rotations = convert("rotations_legacy", EncodingChoice.AUTO);
        ConvertReport permutations = convert("permutations_zip", EncodingChoice.AUTO);
        ConvertReport views = convert("views_zip", EncodingChoice.AUTO);
        ConvertReport raw = convert("gem_raw", EncodingChoice.AUTO);
        JsonNode angles = Fixtures.sidecar("rotations_legacy").get("splits").get("train");
        try (TaskSet r = TaskSet.open(rotations.output(), allocator);
             TaskSet p = TaskSet.open(permutations.output(), allocator);
             TaskSet v = TaskSet.open(views.output(), allocator);
             TaskSet g = TaskSet.open(raw.output(), allocator)) {
            for (int t = 0; t < 3; t++) {
                assertEquals(TaskKind.ROTATION, r.manifest().tasks().get(t).kind());
                assertEquals(angles.get(t).get("descriptor").asDouble(),
                        r.manifest().tasks().get(t).parameter().get("angle").asDouble(), 0.0);
                assertEquals(TaskKind.PERMUTATION, p.manifest().tasks().get(t).kind());
                assertEquals("random permutation",
                        p.manifest().tasks().get(t).parameter().get("descriptor").asText());
                assertEquals(TaskKind.CLASS_SPLIT, v.manifest().tasks().get(t).kind());
                assertEquals("[" + 2 * t + "," + (2 * t + 2) + "]",
                        v.manifest().tasks().get(t).parameter().get("classes").toString());
            }
            assertEquals(1, g.manifest().taskCount());
            assertEquals(TaskKind.UNKNOWN, g.manifest().tasks().get(0).kind());
            assertEquals(0, g.test().task(0).rows());
        }
    }

    @Test
    void recordsTheSourceFileByNameSizeAndSha256() throws Exception {
        ConvertReport report = convert("rotations_zip", EncodingChoice.AUTO);
        byte[] bytes = Files.readAllBytes(Fixtures.path("rotations_zip.pt"));
        String sha = Digests.sha256(bytes);
        try (TaskSet set = TaskSet.open(report.output(), allocator)) {
            SourceFile source = set.manifest().provenance().sources().get(0);
            assertEquals(new SourceFile("rotations_zip.pt", bytes.length, sha), source);
            assertEquals("mer convert", set.manifest().provenance().tool());
            assertEquals("zip", set.manifest().provenance().settings().get("torch_format").asText());
        }
        assertEquals(sha, report.sha256());
        assertEquals(TorchFile.Format.ZIP, report.format());
    }

    @Test
    void autoKeepsFloat32WhenAValueIsNotExactlyKOver255AndSaysWhich() throws Exception {
        ConvertReport report = convert("noisy", EncodingChoice.AUTO);
        assertEquals(XEncoding.FLOAT32, report.encoding());
        assertTrue(report.encodingReason().contains("train task 0, row 0, column 0"), report.encodingReason());
    }

    @Test
    void uint8IsRefusedForValuesThatAreNotKOver255() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> convert("noisy", EncodingChoice.UINT8));
        assertTrue(e.getMessage().contains("--encoding uint8 is impossible"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("noisy")));
    }

    @Test
    void float32CanBeForcedOnKOver255Data() throws Exception {
        ConvertReport report = convert("rotations_v1", EncodingChoice.FLOAT32);
        assertEquals(XEncoding.FLOAT32, report.encoding());
        JsonNode task = Fixtures.sidecar("rotations_v1").get("splits").get("test").get(1);
        ByteBuffer x = ByteBuffer.wrap(Base64.getDecoder().decode(task.get("x").asText())).order(ByteOrder.LITTLE_ENDIAN);
        try (TaskSet set = TaskSet.open(report.output(), allocator)) {
            float[] row = new float[100];
            set.test().task(1).copyRow(4, row, 0);
            assertEquals(x.getFloat(4 * 100 * 4 + 7 * 4), row[7], 0f);
        }
    }

    @Test
    void uint8InputsConvertToFloat32AsKOver255() throws Exception {
        ConvertReport report = convert("gem_raw", EncodingChoice.FLOAT32);
        assertEquals(XEncoding.FLOAT32, report.encoding());
        JsonNode task = Fixtures.sidecar("gem_raw").get("splits").get("train").get(0);
        ByteBuffer x = ByteBuffer.wrap(Base64.getDecoder().decode(task.get("x").asText())).order(ByteOrder.LITTLE_ENDIAN);
        try (TaskSet set = TaskSet.open(report.output(), allocator)) {
            float[] row = new float[784];
            for (int r = 0; r < 12; r++) {
                set.train().task(0).copyRow(r, row, 0);
                for (int c = 0; c < 784; c++) {
                    assertEquals(x.getFloat((r * 784 + c) * 4), row[c], 0f);
                }
            }
        }
    }

    @Test
    void refusesAnExistingOutputUnlessForced() throws Exception {
        convert("rotations_zip", EncodingChoice.AUTO);
        assertThrows(FileAlreadyExistsException.class, () -> convert("rotations_zip", EncodingChoice.AUTO));
        Path input = tmp.resolve("rotations_zip.pt");
        ConvertReport again = Converter.convert(new ConvertRequest(input, null, EncodingChoice.FLOAT32, true,
                List.of()), allocator, Progress.NONE);
        assertEquals(XEncoding.FLOAT32, again.encoding());
    }

    @Test
    void writesWhereToldWithOut() throws Exception {
        Path input = Fixtures.copy("permutations_legacy.pt", tmp);
        Path out = tmp.resolve("elsewhere/perms");
        ConvertReport report = Converter.convert(new ConvertRequest(input, out, EncodingChoice.AUTO, false,
                List.of()), allocator, Progress.NONE);
        assertEquals(out.toAbsolutePath(), report.output());
        assertTrue(Files.isRegularFile(out.resolve("train.arrow")));
    }

    @Test
    void reportsTheStagesReadingThenWritingEachUpToItsTotal() throws Exception {
        Path input = Fixtures.copy("rotations_legacy.pt", tmp);
        long[] last = new long[2];
        List<String> stages = new ArrayList<>();
        Converter.convert(new ConvertRequest(input, null, EncodingChoice.AUTO, false, List.of()), allocator,
                new Progress() {
                    @Override
                    public void stage(String name) {
                        stages.add(name);
                    }

                    @Override
                    public void update(long done, long total, String note) {
                        last[0] = done;
                        last[1] = total;
                    }
                });
        assertEquals(List.of("reading", "writing"), stages);
        assertEquals(3 * 25 * 100 * 4, last[1]);
        assertEquals(last[1], last[0]);
    }

    @Test
    void theDefaultOutputDropsTheExtension() {
        assertEquals(Path.of("/d/mnist_rotations"), ConvertRequest.defaultOutput(Path.of("/d/mnist_rotations.pt")));
        assertEquals(Path.of("/d/m"), ConvertRequest.defaultOutput(Path.of("/d/m.pth")));
        assertEquals(Path.of("/d/data.bin.task-set"), ConvertRequest.defaultOutput(Path.of("/d/data.bin")));
    }

    private long entries() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }

    /** Bad inputs: one clear line each, and nothing left but the input itself. */
    private String failure(String name, byte[] content) throws IOException {
        Path input = tmp.resolve(name);
        Files.write(input, content);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Converter.convert(
                new ConvertRequest(input, null, EncodingChoice.AUTO, false, List.of()), allocator,
                Progress.NONE));
        assertEquals(1, entries(), "only the input is left in " + tmp);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(input.toString() + ": "), e.getMessage());
        Files.delete(input);
        return e.getMessage();
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Fixtures.path(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rotations_legacy.pt", "rotations_zip.pt", "rotations_v1.pt"})
    void aTruncatedFileIsOneClearError(String name) throws IOException {
        byte[] all = fixture(name);
        for (int keep : new int[] {1, 20, 200, all.length / 2, all.length - 1}) {
            String m = failure("cut.pt", java.util.Arrays.copyOf(all, keep));
            assertTrue(m.contains("truncated") || m.contains("not a PyTorch") || m.contains("corrupt"),
                    keep + " bytes: " + m);
        }
    }

    @Test
    void aWrongMagicIsOneClearError() throws IOException {
        byte[] b = fixture("rotations_legacy.pt");
        b[5] ^= 0x55;
        assertTrue(failure("magic.pt", b).contains("wrong magic number"));
        assertTrue(failure("text.pt", "hello, world\n".getBytes()).contains("not a PyTorch .pt file"));
        assertTrue(failure("empty.pt", new byte[0]).contains("empty file"));
    }

    @Test
    void aCorruptZipIsOneClearError() throws IOException {
        byte[] b = fixture("rotations_zip.pt");
        byte[] noDirectory = java.util.Arrays.copyOf(b, b.length);
        for (int i = b.length - 22; i > b.length - 200; i--) {
            if (b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 0x05 && b[i + 3] == 0x06) {
                noDirectory[i] = 0;
            }
        }
        assertTrue(failure("nodir.pt", noDirectory).contains("corrupt zip"));
        byte[] badCentral = java.util.Arrays.copyOf(b, b.length);
        int cd = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(findLast(b, 0x06054b50) + 16);
        if (cd != -1) {
            badCentral[cd] = 0;
        } else {
            // ZIP64: the locator points at the ZIP64 record, whose offset 48 holds the directory's
            long z = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(findLast(b, 0x07064b50) + 8);
            long c = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong((int) z + 48);
            badCentral[(int) c] = 0;
        }
        assertTrue(failure("badcd.pt", badCentral).contains("corrupt zip"));
    }

    private static int findLast(byte[] b, int signature) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = b.length - 4; i >= 0; i--) {
            if (buf.getInt(i) == signature) {
                return i;
            }
        }
        throw new AssertionError("no signature");
    }

    @Test
    void aForbiddenGlobalIsRefusedBeforeAnythingRuns() throws IOException {
        String m = failure("evil.pt", fixture("evil.pt"));
        assertTrue(m.contains("refusing global os.system"), m);
    }

    @Test
    void aModelStateDictIsNotADataset() throws IOException {
        String m = failure("state_dict.pt", fixture("state_dict.pt"));
        assertTrue(m.contains("state_dict") && m.contains("not a dataset"), m);
    }

    @Test
    void aStorageLargerThanTheFileIsOneClearError() throws IOException {
        String m = failure("huge.pt", fixture("huge_storage.pt"));
        assertTrue(m.contains("does not fit in the file"), m);
        String z = failure("huge_zip.pt", fixture("huge_storage_zip.pt"));
        assertTrue(z.contains("declares 1000000000 × float32 = 4000000000 bytes but its record holds 4000"), z);
    }

    /** Issue 16's fuzzing finding: a negative storage size was Storage's IllegalArgumentException (exit 70). */
    @Test
    void aNegativeStorageSizeIsOneClearError() throws IOException {
        byte[] input;
        try (var in = getClass().getResourceAsStream(
                "ConversionFuzzTestInputs/aPtFileConvertsOrIsRefusedNamingTheFile/finding-negative-storage-size")) {
            input = in.readAllBytes();
        }
        String m = failure("negative.pt", input);
        assertTrue(m.contains("has an invalid size of -"), m);
    }

    @Test
    void aNonContiguousTensorIsOneClearError() throws IOException {
        String m = failure("transposed.pt", fixture("transposed.pt"));
        assertTrue(m.contains("train task 0: X is not contiguous (size [20, 100], stride [1, 20])"), m);
    }

    @Test
    void theOutputNeverReplacesTheInput() throws IOException {
        Path input = Fixtures.copy("rotations_zip.pt", tmp);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Converter.convert(
                new ConvertRequest(input, input, EncodingChoice.AUTO, true, List.of()), allocator,
                Progress.NONE));
        assertTrue(e.getMessage().contains("would replace the input"), e.getMessage());
        assertTrue(Files.isRegularFile(input));
    }

    @Test
    void aMissingFileIsReportedAsSuch() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Converter.convert(new ConvertRequest(
                tmp.resolve("nope.pt"), null, EncodingChoice.AUTO, false, List.of()), allocator, Progress.NONE));
    }
}
