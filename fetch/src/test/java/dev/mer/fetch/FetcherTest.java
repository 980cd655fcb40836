package dev.mer.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import dev.mer.fetch.archive.Archives;
import dev.mer.fetch.download.DownloadListener;
import dev.mer.fetch.download.Downloader;
import dev.mer.fetch.download.RetryPolicy;
import dev.mer.fetch.lock.DatasetLock;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole fetch against a loopback mirror serving a small archive and small IDX files. */
class FetcherTest {
    @TempDir
    Path tmp;
    MockWebServer server;
    java.util.Map<String, byte[]> served = new java.util.concurrent.ConcurrentHashMap<>();
    List<byte[]> converted = new ArrayList<>();
    StringWriter messages = new StringWriter();
    Path lockFile;
    Path data;
    byte[] pt = "a .pt file's bytes, standing in for the pickle".getBytes();
    byte[] labels = idx1(new byte[] {3, 1, 4, 1, 5});
    byte[] images = idx3(5, 2, 2);

    static byte[] idx1(byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(0x801).putInt(labels.length).put(labels).array();
    }

    static byte[] idx3(int n, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols).putInt(0x803).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n * rows * cols; i++) {
            b.put((byte) (i * 37));
        }
        return b.array();
    }

    @BeforeEach
    void serve() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String name = request.getUrl().pathSegments().get(request.getUrl().pathSize() - 1);
                byte[] body = served.get(name);
                return body == null ? new MockResponse.Builder().code(404).build()
                        : new MockResponse.Builder().body(new Buffer().write(body)).build();
            }
        });
        server.start();
        served.put("mnist_rotations.tar.gz", new Archives().file("mnist_rotations.pt", pt).build());
        served.put("train-labels-idx1-ubyte", labels);
        served.put("train-images-idx3-ubyte", images);
        data = tmp.resolve("data");
        lockFile = tmp.resolve("datasets.lock");
        Files.writeString(lockFile, """
                [rotations]
                kind = mer-archive
                file = mnist_rotations.tar.gz
                url = http://127.0.0.1:9/unreachable/mnist_rotations.tar.gz
                size = unknown
                sha256 = unpinned
                member = mnist_rotations.pt
                max_unpacked_size = 100000
                target = mnist_rotations

                [mnist/train-labels]
                kind = raw
                file = train-labels-idx1-ubyte
                url = http://127.0.0.1:9/unreachable/train-labels-idx1-ubyte
                sha256 = unpinned
                target = raw/mnist

                [mnist/train-images]
                kind = raw
                file = train-images-idx3-ubyte
                url = http://127.0.0.1:9/unreachable/train-images-idx3-ubyte
                sha256 = unpinned
                target = raw/mnist
                """);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Fetcher fetcher(boolean keep, boolean frozen) throws IOException {
        FetchOptions o = new FetchOptions(data, lockFile, List.of(server.url("/mirror/").toString()), keep, keep, true,
                frozen);
        RetryPolicy fast = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(2));
        return new Fetcher(o, new Downloader(fast, DownloadListener.silent()), (from, to) -> {
            converted.add(Files.readAllBytes(from));
            try (RootAllocator a = new RootAllocator()) {
                TaskSetFixtures.write(to, 1, 2, 3, 1, XEncoding.UINT8, List.of(2), 1 << 20, 3, a);
            }
        }, line -> messages.append(line).append('\n'));
    }

    private List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aCleanFetchExtractsConvertsPinsAndCleansUp() throws IOException {
        fetcher(false, false).fetch("all");
        assertEquals(1, converted.size());
        assertArrayEquals(pt, converted.get(0), "the .pt reaches the converter byte for byte");
        assertEquals(List.of("mnist_rotations/test.arrow", "mnist_rotations/train.arrow",
                "raw/mnist/train-images-idx3-ubyte", "raw/mnist/train-labels-idx1-ubyte"), files(data));
        assertArrayEquals(labels, Files.readAllBytes(data.resolve("raw/mnist/train-labels-idx1-ubyte")));
        DatasetLock lock = DatasetLock.read(lockFile);
        lock.entries().forEach(e -> assertTrue(e.sha256() != null && e.size() > 0, e.id() + " pinned"));
        assertTrue(messages.toString().contains("recorded sha256 " + lock.group("rotations").get(0).sha256()
                + " for mnist_rotations.tar.gz"), messages.toString());
    }

    @Test
    void aSecondRunIsANoOp() throws IOException {
        fetcher(false, false).fetch("all");
        int requests = server.getRequestCount();
        messages.getBuffer().setLength(0);
        fetcher(false, false).fetch("all");
        assertEquals(requests, server.getRequestCount(), "no request");
        assertEquals(1, converted.size());
        assertTrue(messages.toString().contains("present: " + data.resolve("mnist_rotations")), messages.toString());
        assertTrue(messages.toString().contains("(verified)"), messages.toString());
    }

    @Test
    void keepFlagsKeepTheArchiveAndThePt() throws IOException {
        fetcher(true, false).fetch("rotations");
        assertTrue(Files.exists(data.resolve("mnist_rotations.tar.gz")));
        assertTrue(Files.exists(data.resolve("mnist_rotations.pt")));
    }

    @Test
    void frozenRefusesAnUnpinnedEntryBeforeDownloading() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fetcher(false, true).fetch("mnist"));
        assertTrue(e.getMessage().contains("--frozen: [mnist/train-labels] has no pinned digest"), e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aChangedFileAfterPinningIsAMismatchThatLeavesNothing() throws IOException {
        fetcher(false, false).fetch("mnist");
        Files.delete(data.resolve("raw/mnist/train-labels-idx1-ubyte"));
        served.put("train-labels-idx1-ubyte", idx1(new byte[] {9, 9, 9, 9, 9}));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fetcher(false, false).fetch("mnist"));
        assertTrue(e.getMessage().contains("sha256 mismatch: expected"), e.getMessage());
        assertFalse(Files.exists(data.resolve("raw/mnist/train-labels-idx1-ubyte")));
        assertFalse(Files.exists(data.resolve("raw/mnist/train-labels-idx1-ubyte.part")));
    }

    @Test
    void anArchiveWithAnEscapingEntryIsRefusedAndLeavesNoPt() throws IOException {
        served.put("mnist_rotations.tar.gz", new Archives().file("../evil", new byte[4])
                .file("mnist_rotations.pt", pt).build());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> fetcher(false, false).fetch("rotations"));
        assertTrue(e.getMessage().contains("refusing archive entry '../evil'"), e.getMessage());
        assertFalse(Files.exists(data.resolve("mnist_rotations.pt")));
        assertFalse(Files.exists(data.resolve("evil")));
        assertFalse(Files.exists(tmp.resolve("evil")));
        assertEquals(List.of("mnist_rotations.tar.gz"), files(data), "only the verified archive remains, for a retry");
    }

    @Test
    void anUnknownDatasetListsTheKnownOnes() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fetcher(false, false).fetch("cifar"));
        assertTrue(e.getMessage().endsWith("no dataset 'cifar' (known: rotations, mnist, all)"), e.getMessage());
    }

    @Test
    void tooLittleFreeSpaceIsRefusedWithTheNumbers() throws IOException {
        Files.writeString(lockFile, Files.readString(lockFile).replace("max_unpacked_size = 100000",
                "max_unpacked_size = 900000000000000000"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> fetcher(false, false).fetch("rotations"));
        assertTrue(e.getMessage().contains("not enough free space for rotations: need about"), e.getMessage());
        assertEquals(0, server.getRequestCount());
    }
}
