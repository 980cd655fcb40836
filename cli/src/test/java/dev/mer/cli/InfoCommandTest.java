package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void writeTaskSet() throws Exception {
        dir = tmp.resolve("mnist_rotations");
        try (BufferAllocator allocator = new RootAllocator()) {
            TaskSetFixtures.write(dir, 1, 3, 40, 8, XEncoding.UINT8, List.of(28, 28), 1 << 20, 40, allocator);
        }
    }

    @Test
    void printsOneLinePerTaskWithKindParameterAndRowsOfBothSplits() {
        CliRun run = CliRun.of("info", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("3 tasks, x uint8 [28, 28] (784 inputs), 10 classes"), run.out());
        assertTrue(run.out().matches("(?s).*\\n\\s+2\\s+rotation\\s+18\\.2500°\\s+40\\s+8\\n.*"), run.out());
        assertTrue(run.out().matches("(?s).*total\\s+120\\s+24\\n.*"), run.out());
        assertTrue(run.out().contains("on disk: train.arrow"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void jsonPrintsTheManifest() throws Exception {
        CliRun run = CliRun.of("info", "--json", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, new ObjectMapper().readTree(run.out()).get("tasks").size());
    }

    @Test
    void aCorruptTaskSetIsOneLineNamingTheFileAndExitOne() throws Exception {
        Files.writeString(dir.resolve("test.arrow"), "garbage");
        CliRun run = CliRun.of("info", dir.toString());
        assertEquals(1, run.exitCode());
        assertEquals("mer: " + dir.resolve("test.arrow") + ": not an Arrow IPC file: only 7 bytes\n",
                run.err().replace("\r", ""));
        assertEquals("", run.out());
    }

    @Test
    void aMissingDirectoryIsAUserError() {
        CliRun run = CliRun.of("info", tmp.resolve("absent").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no such task-set directory"), run.err());
    }
}
