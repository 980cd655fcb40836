package dev.mer.fetch.download;

import dev.mer.dataset.files.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads one file from a list of mirrors, resuming and retrying, and verifies it.
 *
 * <ul>
 *   <li>Bytes go to {@code NAME.part}; the server's validator (ETag or Last-Modified) goes to
 *       {@code NAME.part.meta}. A later attempt, in this process or another, asks for the rest with
 *       {@code Range: bytes=<have>-} and {@code If-Range: <validator>}, so that a changed file is
 *       sent whole (200) instead of being appended to the old one.</li>
 *   <li>Connection failures, timeouts, 5xx and 429 are retried with exponential backoff and jitter
 *       ({@code Retry-After} honoured); other 4xx move to the next mirror at once.</li>
 *   <li>The SHA-256 and MD5 are computed while streaming (after re-reading a resumed prefix); the
 *       file reaches its final name only when size and digests match, else it is deleted.</li>
 * </ul>
 */
public final class Downloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);
    private static final int BUFFER = 1 << 20;

    private final OkHttpClient client;
    private final RetryPolicy policy;
    private final DownloadListener listener;

    public Downloader(RetryPolicy policy, DownloadListener listener) {
        this.policy = policy;
        this.listener = listener;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(policy.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(policy.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * Downloads {@code target} from the first of {@code urls} that works.
     *
     * @throws DownloadFailedException if every mirror failed or the file does not match {@code expected};
     *     a partial download stays resumable in {@code NAME.part}, a mismatching one is deleted
     */
    public DownloadResult download(List<String> urls, Path target, ExpectedFile expected) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Path meta = target.resolveSibling(target.getFileName() + ".part.meta");
        Files.createDirectories(target.toAbsolutePath().getParent());
        State state = new State(part, meta);
        List<String> failures = new ArrayList<>();
        for (int m = 0; m < urls.size(); m++) {
            String url = urls.get(m);
            for (int attempt = 1; attempt <= policy.attemptsPerMirror(); attempt++) {
                Outcome o;
                try {
                    o = attempt(url, state, expected, attempt, m, urls.size());
                } catch (InterruptedIOException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw e;
                    }
                    o = Outcome.retry("timed out (" + e.getMessage() + ")", null);
                } catch (IOException e) {
                    o = Outcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage(), null);
                }
                if (o.complete) {
                    return verifyAndMove(state, target, expected);
                }
                if (!o.retryable || attempt == policy.attemptsPerMirror()) {
                    failures.add(url + ": " + o.reason);
                    break;
                }
                Duration delay = o.retryAfter != null ? o.retryAfter
                        : policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
                listener.retry(o.reason, delay);
                sleep(delay);
            }
        }
        throw new DownloadFailedException(target, "download failed from every mirror (" + String.join("; ", failures)
                + ")" + (Files.exists(part) ? "; " + Files.size(part) + " bytes kept in " + part.getFileName()
                        + " to resume" : ""));
    }

    private Outcome attempt(String url, State state, ExpectedFile expected, int attempt, int mirror, int mirrors)
            throws IOException {
        long have = state.prepare();
        Request.Builder request = new Request.Builder().url(url).header("Accept-Encoding", "identity");
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
            String validator = state.validator();
            if (validator != null) {
                request.header("If-Range", validator);
            }
        }
        listener.attempt(url, attempt, mirror, mirrors, have, expected.size());
        String note = attempt > 1 || mirror > 0
                ? String.format(Locale.ROOT, "attempt %d, mirror %d/%d", attempt, mirror + 1, mirrors) : "";
        try (Response response = client.newCall(request.build()).execute()) {
            int code = response.code();
            if (code == 416 && have > 0) {
                long total = totalFromContentRange(response.header("Content-Range"));
                if (total == have || (total < 0 && expected.size() == have)) {
                    return Outcome.COMPLETE;
                }
                state.restart();
                return Outcome.retry("server refused range " + have + "- (416)", Duration.ZERO);
            }
            if (code == 429 || code >= 500) {
                return Outcome.retry("HTTP " + code, retryAfter(response.header("Retry-After")));
            }
            if (code != 200 && code != 206) {
                return Outcome.giveUp("HTTP " + code);
            }
            long total;
            if (code == 206) {
                Matcher mr = CONTENT_RANGE.matcher(String.valueOf(response.header("Content-Range")));
                if (!mr.matches() || Long.parseLong(mr.group(1)) != have) {
                    state.restart();
                    return Outcome.retry("unexpected Content-Range " + response.header("Content-Range"), Duration.ZERO);
                }
                total = mr.group(3).equals("*") ? -1 : Long.parseLong(mr.group(3));
            } else {
                // 200: the server sends the whole file (no range support, or If-Range saw a changed file)
                state.restart();
                state.saveValidator(url, response.header("ETag"), response.header("Last-Modified"));
                long length = response.body().contentLength();
                total = length;
            }
            return copyBody(response.body(), state, total, note);
        }
    }

    private Outcome copyBody(ResponseBody body, State state, long total, String note) throws IOException {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = body.byteStream();
             FileChannel out = FileChannel.open(state.part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.APPEND)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
                state.hashed(buffer, n);
                listener.update(state.have, total, note);
            }
        }
        if (total >= 0 && state.have != total) {
            return Outcome.retry("connection closed after " + state.have + " of " + total + " bytes", null);
        }
        return Outcome.COMPLETE;
    }

    private DownloadResult verifyAndMove(State state, Path target, ExpectedFile expected) throws IOException {
        String sha = HexFormat.of().formatHex(state.sha256.digest());
        String md5 = HexFormat.of().formatHex(state.md5.digest());
        long size = state.have;
        String problem = null;
        if (expected.size() >= 0 && size != expected.size()) {
            problem = "size mismatch: expected " + expected.size() + " bytes, got " + size;
        } else if (expected.sha256() != null && !expected.sha256().equals(sha)) {
            problem = "sha256 mismatch: expected " + expected.sha256() + ", got " + sha;
        } else if (expected.md5() != null && !expected.md5().equals(md5)) {
            problem = "md5 mismatch: expected " + expected.md5() + ", got " + md5;
        }
        if (problem != null) {
            Files.deleteIfExists(state.part);
            Files.deleteIfExists(state.meta);
            throw new DownloadFailedException(target, problem + "; the download was deleted");
        }
        Files.move(state.part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(state.meta);
        return new DownloadResult(target, size, sha, md5);
    }

    private static long totalFromContentRange(String header) {
        if (header != null && header.startsWith("bytes */")) {
            try {
                return Long.parseLong(header.substring("bytes */".length()).strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(header.strip(),
                        DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException f) {
                return null;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    private static void sleep(Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    /** The part file, its validator and the digests of its bytes so far. */
    private static final class State {
        final Path part;
        final Path meta;
        final MessageDigest sha256;
        final MessageDigest md5;
        long have;
        long hashed = -1;

        State(Path part, Path meta) {
            this.part = part;
            this.meta = meta;
            sha256 = Digests.sha256();
            md5 = Digests.md5();
        }

        /** Brings the digests up to the part file's current length; returns that length. */
        long prepare() throws IOException {
            long size = Files.exists(part) ? Files.size(part) : 0;
            if (size > 0 && !Files.exists(meta)) {
                restart(); // bytes of unknown origin: never append to them
                size = 0;
            }
            if (hashed != size) {
                // A resumed download: its digests cover the bytes already on disk too.
                sha256.reset();
                md5.reset();
                if (size > 0) {
                    Digests.update(part, sha256, md5);
                }
                hashed = size;
            }
            have = size;
            return size;
        }

        void hashed(byte[] bytes, int n) {
            sha256.update(bytes, 0, n);
            md5.update(bytes, 0, n);
            have += n;
            hashed = have;
        }

        void restart() throws IOException {
            Files.deleteIfExists(part);
            Files.deleteIfExists(meta);
            sha256.reset();
            md5.reset();
            have = 0;
            hashed = 0;
        }

        void saveValidator(String url, String etag, String lastModified) throws IOException {
            StringBuilder sb = new StringBuilder("url=").append(url).append('\n');
            if (etag != null && !etag.startsWith("W/")) {
                sb.append("etag=").append(etag).append('\n');
            }
            if (lastModified != null) {
                sb.append("last-modified=").append(lastModified).append('\n');
            }
            Files.writeString(meta, sb, StandardCharsets.UTF_8);
        }

        /** The strong ETag, else the Last-Modified date, of the bytes in the part file. */
        String validator() throws IOException {
            if (!Files.exists(meta)) {
                return null;
            }
            String etag = null;
            String lastModified = null;
            for (String line : Files.readAllLines(meta, StandardCharsets.UTF_8)) {
                if (line.startsWith("etag=")) {
                    etag = line.substring(5);
                } else if (line.startsWith("last-modified=")) {
                    lastModified = line.substring(14);
                }
            }
            return etag != null ? etag : lastModified;
        }
    }

    private record Outcome(boolean complete, boolean retryable, String reason, Duration retryAfter) {
        static final Outcome COMPLETE = new Outcome(true, false, null, null);

        static Outcome retry(String reason, Duration after) {
            return new Outcome(false, true, reason, after);
        }

        static Outcome giveUp(String reason) {
            return new Outcome(false, false, reason, null);
        }
    }
}
