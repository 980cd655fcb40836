package dev.mer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TaskSetWriterTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final LeakCheckedAllocator allocator = new LeakCheckedAllocator();

    private long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void anAbandonedWriteLeavesNothingBehind() throws IOException {
        Path dest = tmp.resolve("set");
        Manifest train = TaskSetFixtures.manifest(Split.TRAIN, 2, 4, XEncoding.UINT8, List.of(3));
        Manifest test = TaskSetFixtures.manifest(Split.TEST, 2, 1, XEncoding.UINT8, List.of(3));
        try (TaskSetWriter w = TaskSetWriter.create(dest, train, test, allocator, false)) {
            SplitWriter s = w.split(Split.TRAIN);
            s.appendUint8(0, new byte[12], 0, new int[4], 0, 4);
            // interrupted here: no finish, no commit
        }
        assertFalse(Files.exists(dest));
        assertEquals(0, entries(tmp), "no temporary directory left");
    }

    @Test
    void anInterruptedProcessLeavesNoTemporaryDirectory() throws Exception {
        Path dest = tmp.resolve("set");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                InterruptedWriterMain.class.getName(), dest.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            assertEquals("writing", first);
            assertEquals(1, entries(tmp), "the temporary directory exists while writing");
        } finally {
            p.destroy(); // SIGTERM, as Ctrl-C: shutdown hooks run
            p.waitFor();
        }
        assertEquals(0, entries(tmp), "nothing left after the interruption");
    }

    @Test
    void aTaskWithTooFewRowsFailsAndLeavesNothing() throws IOException {
        Path dest = tmp.resolve("set");
        Manifest train = TaskSetFixtures.manifest(Split.TRAIN, 2, 4, XEncoding.UINT8, List.of(3));
        Manifest test = TaskSetFixtures.manifest(Split.TEST, 2, 1, XEncoding.UINT8, List.of(3));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (TaskSetWriter w = TaskSetWriter.create(dest, train, test, allocator, false);
                 SplitWriter s = w.split(Split.TRAIN)) {
                s.appendUint8(0, new byte[9], 0, new int[3], 0, 3);
                s.appendUint8(1, new byte[12], 0, new int[4], 0, 4);
            }
        });
        assertTrue(e.getMessage().contains("task 0 got 3 rows, its manifest says 4"), e.getMessage());
        assertEquals(0, entries(tmp));
    }

    @Test
    void rowsBeyondTheManifestOrOutOfOrderOrWithBadLabelsAreRefused() throws IOException {
        Path dest = tmp.resolve("set");
        Manifest train = TaskSetFixtures.manifest(Split.TRAIN, 2, 2, XEncoding.UINT8, List.of(1));
        Manifest test = TaskSetFixtures.manifest(Split.TEST, 2, 2, XEncoding.UINT8, List.of(1));
        try (TaskSetWriter w = TaskSetWriter.create(dest, train, test, allocator, false);
             SplitWriter s = w.split(Split.TRAIN)) {
            assertThrows(IllegalStateException.class, () -> s.appendUint8(0, new byte[3], 0, new int[3], 0, 3));
            assertThrows(IllegalArgumentException.class, () -> s.appendUint8(0, new byte[1], 0, new int[] {10}, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> s.appendFloat32(0, new float[1], 0, new int[1], 0, 1));
            s.appendUint8(1, new byte[1], 0, new int[1], 0, 1);
            assertThrows(IllegalStateException.class, () -> s.appendUint8(0, new byte[1], 0, new int[1], 0, 1));
        } catch (IllegalStateException expected) {
            // closing the abandoned split is fine; nothing must remain
        }
        assertEquals(0, entries(tmp));
    }

    @Test
    void anExistingDestinationIsKeptUnlessOverwriting() throws IOException {
        Path dest = tmp.resolve("set");
        TaskSetFixtures.write(dest, 1, 1, 2, 1, XEncoding.UINT8, List.of(2), 1 << 20, 2, allocator);
        assertThrows(FileAlreadyExistsException.class,
                () -> TaskSetFixtures.write(dest, 2, 2, 2, 1, XEncoding.UINT8, List.of(2), 1 << 20, 2, allocator));
        Manifest train = TaskSetFixtures.manifest(Split.TRAIN, 3, 2, XEncoding.UINT8, List.of(2));
        Manifest test = TaskSetFixtures.manifest(Split.TEST, 3, 1, XEncoding.UINT8, List.of(2));
        try (TaskSetWriter w = TaskSetWriter.create(dest, train, test, allocator, true)) {
            for (Split s : Split.values()) {
                try (SplitWriter sw = w.split(s)) {
                    int rows = s == Split.TRAIN ? 2 : 1;
                    for (int t = 0; t < 3; t++) {
                        sw.appendUint8(t, new byte[2 * rows], 0, new int[rows], 0, rows);
                    }
                    sw.finish();
                }
            }
            try (TaskSet before = TaskSet.open(dest, allocator)) {
                assertEquals(1, before.manifest().taskCount(), "the old set stays until commit");
            }
            w.commit();
        }
        try (TaskSet after = TaskSet.open(dest, allocator)) {
            assertEquals(3, after.manifest().taskCount());
        }
        assertEquals(1, entries(tmp), "neither the old set nor the temporary directory remains");
    }

    @Test
    void mismatchedTrainAndTestManifestsAreRefused() {
        Manifest train = TaskSetFixtures.manifest(Split.TRAIN, 2, 2, XEncoding.UINT8, List.of(2));
        Manifest test = TaskSetFixtures.manifest(Split.TEST, 3, 2, XEncoding.UINT8, List.of(2));
        assertThrows(IllegalArgumentException.class,
                () -> TaskSetWriter.create(tmp.resolve("x"), train, test, allocator, false));
        assertThrows(IllegalArgumentException.class,
                () -> TaskSetWriter.create(tmp.resolve("x"), train, train, allocator, false));
    }

    @Test
    void sameInputsGiveByteIdenticalFiles() throws IOException {
        TaskSetFixtures.write(tmp.resolve("a"), 4, 3, 50, 7, XEncoding.UINT8, List.of(28, 28), 784 * 20, 11, allocator);
        TaskSetFixtures.write(tmp.resolve("b"), 4, 3, 50, 7, XEncoding.UINT8, List.of(28, 28), 784 * 20, 17, allocator);
        for (Split s : Split.values()) {
            assertEquals(-1, Files.mismatch(tmp.resolve("a").resolve(s.fileName()), tmp.resolve("b").resolve(s.fileName())));
        }
    }
}
