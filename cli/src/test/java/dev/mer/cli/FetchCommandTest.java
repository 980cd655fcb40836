package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.TaskSet;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.apache.arrow.memory.RootAllocator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mer fetch rotations} end to end on loopback: a tar.gz holding a real torch-made {@code .pt}
 * (convert's fixture) is downloaded, verified, extracted and converted into a task-set.
 */
class FetchCommandTest {
    /** Made by torch 1.13 (convert/scripts/make_fixtures.py): 3 rotation tasks in the legacy format. */
    static final Path PT = Path.of("..", "convert", "src", "test", "resources", "fixtures", "rotations_legacy.pt");

    @TempDir
    Path tmp;
    MockWebServer server;
    byte[] archive;

    @BeforeEach
    void serve() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] pt = Files.readAllBytes(PT);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            TarArchiveEntry e = new TarArchiveEntry("mnist_rotations.pt");
            e.setSize(pt.length);
            tar.putArchiveEntry(e);
            tar.write(pt);
            tar.closeArchiveEntry();
        }
        archive = bytes.toByteArray();
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return request.getUrl().encodedPath().endsWith("/mnist_rotations.tar.gz")
                        ? new MockResponse.Builder().body(new Buffer().write(archive)).build()
                        : new MockResponse.Builder().code(404).build();
            }
        });
        server.start();
        Files.writeString(tmp.resolve("datasets.lock"), """
                [rotations]
                kind = mer-archive
                file = mnist_rotations.tar.gz
                url = http://127.0.0.1:9/unreachable/mnist_rotations.tar.gz
                size = unknown
                sha256 = unpinned
                member = mnist_rotations.pt
                max_unpacked_size = 10000000
                target = mnist_rotations
                """);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun fetch(String... extra) {
        String[] base = {"fetch", "rotations", "--data", tmp.resolve("data").toString(), "--lock",
            tmp.resolve("datasets.lock").toString(), "--mirror", server.url("/mirror/").toString(), "--attempts", "1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void fetchesVerifiesExtractsAndConvertsIntoATaskSetThenDoesNothingTheSecondTime() throws Exception {
        CliRun run = fetch();
        assertEquals(0, run.exitCode(), run.err());
        Path set = tmp.resolve("data/mnist_rotations");
        try (RootAllocator allocator = new RootAllocator(); TaskSet ts = TaskSet.open(set, allocator)) {
            assertEquals(3, ts.manifest().taskCount());
            assertEquals("rotation", ts.manifest().tasks().get(0).kind().jsonName());
        }
        assertFalse(Files.exists(tmp.resolve("data/mnist_rotations.tar.gz")), "archive removed");
        assertFalse(Files.exists(tmp.resolve("data/mnist_rotations.pt")), ".pt removed");
        assertTrue(run.err().contains("recorded sha256 "), run.err());
        assertTrue(Files.readString(tmp.resolve("datasets.lock")).contains("size = " + archive.length));

        int requests = server.getRequestCount();
        CliRun again = fetch("--frozen");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(requests, server.getRequestCount());
        assertTrue(again.err().contains("present: "), again.err());
    }

    @Test
    void frozenRefusesTheUnpinnedArchive() {
        CliRun run = fetch("--frozen");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("mer: ") && run.err().contains("--frozen: [rotations] has no pinned digest"),
                run.err());
        assertEquals(0, server.getRequestCount());
    }
}
