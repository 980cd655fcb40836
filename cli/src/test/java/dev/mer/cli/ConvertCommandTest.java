package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvertCommandTest {
    @TempDir
    Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int mer(String... args) {
        return Mer.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    /** A copy of one of the convert module's committed fixtures (made by convert/scripts/make_fixtures.py). */
    private Path fixture(String name) throws IOException {
        Path source = Path.of("..", "convert", "src", "test", "resources", "fixtures", name);
        return Files.copy(source, tmp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private long entries() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }

    @Test
    void convertsNextToTheInputAndSaysWhatItWrote() throws Exception {
        Path input = fixture("rotations_legacy.pt");
        assertEquals(0, mer("convert", input.toString()), err.toString());
        assertTrue(Files.isRegularFile(tmp.resolve("rotations_legacy/train.arrow")));
        assertTrue(out.toString().contains("3 tasks, 60 train + 15 test rows, "), out.toString());
        assertTrue(out.toString().contains("x uint8"), out.toString());
        assertTrue(out.toString().contains("every input value is exactly k/255"), out.toString());
        assertEquals("", err.toString());

        assertEquals(0, mer("info", tmp.resolve("rotations_legacy").toString()), err.toString());
        assertTrue(out.toString().contains("rotation"), out.toString());
    }

    @Test
    void honoursOutEncodingAndForce() throws Exception {
        Path input = fixture("permutations_zip.pt");
        Path dest = tmp.resolve("perms");
        assertEquals(0, mer("convert", input.toString(), "--out", dest.toString(), "--encoding", "float32"));
        assertTrue(out.toString().contains("x float32"), out.toString());
        assertEquals(1, mer("convert", input.toString(), "--out", dest.toString()));
        assertTrue(err.toString().contains("already exists (use --force to replace it)"), err.toString());
        assertEquals(0, mer("convert", input.toString(), "--out", dest.toString(), "--force"));
    }

    @Test
    void recordsTheArgumentsThatShapeTheContentOnly() {
        assertEquals(java.util.List.of("in.pt", "--encoding", "uint8"), ConvertCommand.recordedArguments(
                java.util.List.of("convert", "in.pt", "--out", "/x/y", "--encoding", "uint8", "--force")));
        assertEquals(java.util.List.of("in.pt"), ConvertCommand.recordedArguments(
                java.util.List.of("convert", "--out=/x/y", "in.pt")));
    }

    @Test
    void aBadEncodingIsAUsageError() throws Exception {
        Path input = fixture("permutations_zip.pt");
        assertEquals(2, mer("convert", input.toString(), "--encoding", "int4"));
        assertTrue(err.toString().contains("'--encoding'"), err.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "evil.pt, refusing global os.system",
        "state_dict.pt, not a dataset",
        "huge_storage.pt, does not fit in the file",
        "noisy.pt@uint8, --encoding uint8 is impossible"})
    void badInputIsOneLineAndExit1AndLeavesNothing(String spec, String expected) throws Exception {
        String[] parts = spec.split("@");
        Path input = fixture(parts[0]);
        int code = parts.length > 1
                ? mer("convert", input.toString(), "--encoding", parts[1])
                : mer("convert", input.toString());
        assertEquals(1, code, err.toString());
        String[] lines = err.toString().split("\n");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("mer: " + input + ": "), lines[0]);
        assertTrue(lines[0].contains(expected), lines[0]);
        assertEquals(1, entries(), "nothing but the input is left");
    }

    @Test
    void aTruncatedFileIsOneLineAndExit1() throws Exception {
        Path input = fixture("rotations_zip.pt");
        byte[] b = Files.readAllBytes(input);
        Files.write(input, java.util.Arrays.copyOf(b, b.length / 2));
        assertEquals(1, mer("convert", input.toString()));
        assertFalse(err.toString().strip().contains("\n"), err.toString());
        assertTrue(err.toString().contains("truncated"), err.toString());
        assertEquals(1, entries());
    }
}
