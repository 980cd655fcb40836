package dev.mer.fetch.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.files.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real HTTP on loopback: OkHttp's MockWebServer plays the flaky publisher. */
class DownloaderTest {
    static final byte[] CONTENT = new byte[300_000];
    static final String SHA256;

    static {
        new SplittableRandom(1).nextBytes(CONTENT);
        SHA256 = Digests.sha256(CONTENT);
    }

    @TempDir
    Path tmp;
    MockWebServer server;
    MockWebServer second;
    List<Duration> retryDelays = new ArrayList<>();
    Downloader downloader;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        second = new MockWebServer();
        second.start();
        RetryPolicy fast = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofMillis(500));
        downloader = new Downloader(fast, new DownloadListener() {
            @Override
            public void retry(String reason, Duration delay) {
                retryDelays.add(delay);
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
        second.close();
    }

    private String url() {
        return server.url("/data/file.tar.gz").toString();
    }

    private static MockResponse full() {
        return new MockResponse.Builder().body(new Buffer().write(CONTENT)).addHeader("ETag", "\"v1\"").build();
    }

    /** The first {@code cut} bytes, announced as the whole file, then the connection drops. */
    private static MockResponse cutAfter(int cut) {
        return new MockResponse.Builder().body(new Buffer().write(CONTENT, 0, cut))
                .setHeader("Content-Length", CONTENT.length).addHeader("ETag", "\"v1\"")
                .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();
    }

    private static MockResponse rest(int from) {
        return new MockResponse.Builder().code(206)
                .body(new Buffer().write(CONTENT, from, CONTENT.length - from))
                .addHeader("Content-Range", "bytes " + from + "-" + (CONTENT.length - 1) + "/" + CONTENT.length)
                .addHeader("ETag", "\"v1\"").build();
    }

    private void assertDownloaded(Path target, DownloadResult r) throws IOException {
        assertArrayEquals(CONTENT, Files.readAllBytes(target));
        assertEquals(SHA256, r.sha256());
        assertEquals(CONTENT.length, r.size());
        assertFalse(Files.exists(tmp.resolve("file.tar.gz.part")));
        assertFalse(Files.exists(tmp.resolve("file.tar.gz.part.meta")));
    }

    @Test
    void aCleanDownloadIsVerifiedAndMovedIntoPlace() throws Exception {
        server.enqueue(full());
        Path target = tmp.resolve("file.tar.gz");
        DownloadResult r = downloader.download(List.of(url()), target, new ExpectedFile(CONTENT.length, SHA256, null));
        assertDownloaded(target, r);
        assertEquals("identity", server.takeRequest().getHeaders().get("Accept-Encoding"));
    }

    @Test
    void aConnectionCutMidBodyResumesWithRangeAndIfRangeWithoutRefetchingBytes() throws Exception {
        server.enqueue(cutAfter(100_000));
        server.enqueue(rest(100_000));
        Path target = tmp.resolve("file.tar.gz");
        DownloadResult r = downloader.download(List.of(url()), target, new ExpectedFile(-1, SHA256, null));
        assertDownloaded(target, r);
        RecordedRequest first = server.takeRequest();
        assertNull(first.getHeaders().get("Range"));
        RecordedRequest resumed = server.takeRequest();
        assertEquals("bytes=100000-", resumed.getHeaders().get("Range"));
        assertEquals("\"v1\"", resumed.getHeaders().get("If-Range"));
        assertEquals(1, retryDelays.size());
    }

    @Test
    void aPartFromAnEarlierRunIsResumedAndItsBytesCountInTheDigest() throws Exception {
        Path target = tmp.resolve("file.tar.gz");
        server.enqueue(cutAfter(123_456));
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(503).build());
        RetryPolicy once = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThrows(DownloadFailedException.class,
                () -> new Downloader(once, DownloadListener.silent()).download(List.of(url()), target,
                        new ExpectedFile(-1, SHA256, null)));
        assertEquals(123_456, Files.size(tmp.resolve("file.tar.gz.part")), "the partial download is kept");
        server.takeRequest();
        server.enqueue(rest(123_456));
        DownloadResult r = downloader.download(List.of(url()), target, new ExpectedFile(-1, SHA256, null));
        assertDownloaded(target, r);
        assertEquals("bytes=123456-", server.takeRequest().getHeaders().get("Range"));
    }

    @Test
    void aServerIgnoringRangeRestartsCleanly() throws Exception {
        server.enqueue(cutAfter(50_000));
        server.enqueue(full()); // 200 with the whole file despite Range
        Path target = tmp.resolve("file.tar.gz");
        DownloadResult r = downloader.download(List.of(url()), target, new ExpectedFile(CONTENT.length, SHA256, null));
        assertDownloaded(target, r);
        server.takeRequest();
        assertEquals("bytes=50000-", server.takeRequest().getHeaders().get("Range"));
    }

    @Test
    void aServerErrorIsRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(full());
        Path target = tmp.resolve("file.tar.gz");
        assertDownloaded(target, downloader.download(List.of(url()), target, new ExpectedFile(-1, SHA256, null)));
        assertEquals(2, server.getRequestCount());
        assertEquals(1, retryDelays.size());
        assertTrue(retryDelays.get(0).toMillis() >= 10 && retryDelays.get(0).toMillis() <= 15, "backoff with jitter");
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
        server.enqueue(full());
        Path target = tmp.resolve("file.tar.gz");
        long start = System.nanoTime();
        assertDownloaded(target, downloader.download(List.of(url()), target, new ExpectedFile(-1, SHA256, null)));
        assertEquals(List.of(Duration.ofSeconds(1)), retryDelays);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(950));
    }

    @Test
    void notFoundOnTheFirstMirrorMovesToTheSecondWithoutRetrying() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).build());
        second.enqueue(full());
        Path target = tmp.resolve("file.tar.gz");
        DownloadResult r = downloader.download(List.of(url(), second.url("/m/file.tar.gz").toString()), target,
                new ExpectedFile(-1, SHA256, null));
        assertDownloaded(target, r);
        assertEquals(1, server.getRequestCount());
        assertTrue(retryDelays.isEmpty());
    }

    @Test
    void aStalledServerTimesOutAndIsRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(CONTENT)).bodyDelay(3, TimeUnit.SECONDS)
                .build());
        server.enqueue(full());
        Path target = tmp.resolve("file.tar.gz");
        assertDownloaded(target, downloader.download(List.of(url()), target, new ExpectedFile(-1, SHA256, null)));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aChecksumMismatchDeletesTheDownloadAndNamesBothDigests() throws Exception {
        server.enqueue(full());
        Path target = tmp.resolve("file.tar.gz");
        String wrong = "0".repeat(64);
        DownloadFailedException e = assertThrows(DownloadFailedException.class,
                () -> downloader.download(List.of(url()), target, new ExpectedFile(-1, wrong, null)));
        assertTrue(e.getMessage().contains("expected " + wrong + ", got " + SHA256), e.getMessage());
        assertTrue(e.getMessage().startsWith(target + ": "), e.getMessage());
        try (var s = Files.list(tmp)) {
            assertEquals(0, s.count(), "nothing left");
        }
    }

    @Test
    void everyMirrorFailingIsOneLineNamingEach() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(502).build());
        }
        second.enqueue(new MockResponse.Builder().code(403).build());
        Path target = tmp.resolve("file.tar.gz");
        DownloadFailedException e = assertThrows(DownloadFailedException.class, () -> downloader.download(
                List.of(url(), second.url("/x").toString()), target, new ExpectedFile(-1, null, null)));
        assertTrue(e.getMessage().contains("HTTP 502") && e.getMessage().contains("HTTP 403"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void retryAfterParsesSecondsAndDates() {
        assertEquals(Duration.ofSeconds(7), Downloader.retryAfter("7"));
        assertEquals(Duration.ZERO, Downloader.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertNull(Downloader.retryAfter("soon"));
    }
}
