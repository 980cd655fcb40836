package dev.mer.fetch;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.Split;
import dev.mer.dataset.files.Digests;
import dev.mer.dataset.files.FileTrees;
import dev.mer.fetch.archive.ArchiveExtractor;
import dev.mer.fetch.download.DownloadResult;
import dev.mer.fetch.download.Downloader;
import dev.mer.fetch.download.ExpectedFile;
import dev.mer.fetch.lock.DatasetLock;
import dev.mer.fetch.lock.LockEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code mer fetch}: for each entry of the requested datasets, download (resuming), verify against
 * {@code datasets.lock} (pinning unpinned digests on first use), extract archives and convert
 * their {@code .pt} into task-sets. Already present and verified ⇒ nothing is done.
 */
public final class Fetcher {
    private final FetchOptions options;
    private final Downloader downloader;
    private final PtConverter converter;
    private final Consumer<String> messages;
    private DatasetLock lock;

    /**
     * @param messages receives one line for each step (stderr on the command line)
     */
    public Fetcher(FetchOptions options, Downloader downloader, PtConverter converter, Consumer<String> messages)
            throws IOException {
        this.options = options;
        this.downloader = downloader;
        this.converter = converter;
        this.messages = messages;
        this.lock = DatasetLock.read(options.lockFile());
    }

    /** The dataset names the lock file knows, plus {@code all}. */
    public List<String> datasets() {
        List<String> names = new ArrayList<>(lock.groups());
        names.add("all");
        return names;
    }

    /** Fetches {@code dataset}: a group of the lock file ({@code rotations}, {@code mnist}...) or {@code all}. */
    public void fetch(String dataset) throws IOException {
        List<String> groups = dataset.equals("all") ? lock.groups() : List.of(dataset);
        if (!lock.groups().contains(dataset) && !dataset.equals("all")) {
            throw new InvalidInputException(lock.path(), "no dataset '" + dataset + "' (known: "
                    + String.join(", ", datasets()) + ")");
        }
        if (options.frozen()) {
            for (String g : groups) {
                for (LockEntry e : lock.group(g)) {
                    if (!e.pinned()) {
                        throw new InvalidInputException(lock.path(), "--frozen: [" + e.id()
                                + "] has no pinned digest; fetch once without --frozen to record it, and review it");
                    }
                }
            }
        }
        for (String g : groups) {
            for (LockEntry e : lock.group(g)) {
                if (e.kind().equals(LockEntry.ARCHIVE)) {
                    fetchArchive(e);
                } else {
                    fetchRaw(e);
                }
            }
        }
    }

    private List<String> urls(LockEntry e) {
        List<String> urls = new ArrayList<>();
        for (String m : options.mirrors()) {
            urls.add(m.endsWith("/") ? m + e.file() : m + "/" + e.file());
        }
        urls.addAll(e.urls());
        return urls;
    }

    private void fetchRaw(LockEntry e) throws IOException {
        Path file = options.dataDir().resolve(e.target()).resolve(e.file());
        if (Files.exists(file)) {
            String[] digests = digests(file);
            if (matches(e, Files.size(file), digests)) {
                pinIfNeeded(e, digests[0], Files.size(file));
                messages.accept("present: " + file + " (verified)");
                return;
            }
            messages.accept("mismatch: " + file + " does not match datasets.lock; downloading it again");
            Files.delete(file);
        }
        DownloadResult r = download(e, file);
        messages.accept("fetched: " + file + " (" + r.size() + " bytes, sha256 " + r.sha256() + ")");
    }

    private void fetchArchive(LockEntry e) throws IOException {
        Path taskSet = options.dataDir().resolve(e.target());
        Path pt = options.dataDir().resolve(e.member());
        if (options.convert() && isTaskSet(taskSet)) {
            messages.accept("present: " + taskSet + " (task-set; delete it to fetch again)");
            return;
        }
        if (!options.convert() && Files.exists(pt)) {
            messages.accept("present: " + pt + " (delete it to fetch again)");
            return;
        }
        Path archive = options.dataDir().resolve(e.file());
        if (!Files.exists(pt)) {
            checkFreeSpace(e, archive);
            if (Files.exists(archive)) {
                String[] digests = digests(archive);
                if (!matches(e, Files.size(archive), digests)) {
                    messages.accept("mismatch: " + archive + " does not match datasets.lock; downloading it again");
                    Files.delete(archive);
                    download(e, archive);
                } else {
                    pinIfNeeded(e, digests[0], Files.size(archive));
                    messages.accept("present: " + archive + " (verified)");
                }
            } else {
                DownloadResult r = download(e, archive);
                messages.accept("fetched: " + archive + " (" + r.size() + " bytes, sha256 " + r.sha256() + ")");
            }
            extractMember(e, archive, pt);
            if (!options.keepArchive()) {
                Files.delete(archive);
            }
        }
        if (options.convert()) {
            messages.accept("converting " + pt + " -> " + taskSet);
            converter.convert(pt, taskSet);
            if (!options.keepPt()) {
                Files.delete(pt);
            }
            messages.accept("ready: " + taskSet);
        } else {
            messages.accept("ready: " + pt);
        }
    }

    private void extractMember(LockEntry e, Path archive, Path pt) throws IOException {
        Path staging = options.dataDir().resolve(".extract-" + e.target());
        FileTrees.delete(staging);
        try {
            messages.accept("extracting " + e.member() + " from " + archive);
            List<Path> files = ArchiveExtractor.extract(archive, staging, e.maxUnpackedSize());
            Path member = files.stream().filter(f -> f.getFileName().toString().equals(e.member())).findFirst()
                    .orElseThrow(() -> new InvalidInputException(archive, "the archive holds no " + e.member()
                            + " (it holds " + files.stream().map(f -> staging.relativize(f).toString()).toList() + ")"));
            Files.move(member, pt, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTrees.delete(staging);
        }
    }

    private DownloadResult download(LockEntry e, Path target) throws IOException {
        DownloadResult r = downloader.download(urls(e), target, new ExpectedFile(e.size(), e.sha256(), e.md5()));
        pinIfNeeded(e, r.sha256(), r.size());
        return r;
    }

    private void pinIfNeeded(LockEntry e, String sha256, long size) throws IOException {
        if (e.sha256() == null) {
            lock = lock.record(e.id(), sha256, size);
            messages.accept("recorded sha256 " + sha256 + " for " + e.file() + " in " + lock.path()
                    + " (trust on first use: review and commit it)");
        }
    }

    private static boolean matches(LockEntry e, long size, String[] digests) {
        return (e.size() < 0 || e.size() == size) && (e.sha256() == null || e.sha256().equals(digests[0]))
                && (e.md5() == null || e.md5().equals(digests[1]));
    }

    /** SHA-256 and MD5 of a file, lower-case hex. */
    static String[] digests(Path file) throws IOException {
        MessageDigest sha = Digests.sha256();
        MessageDigest md5 = Digests.md5();
        Digests.update(file, sha, md5);
        return new String[] {Digests.hex(sha), Digests.hex(md5)};
    }

    private static boolean isTaskSet(Path dir) {
        return Files.isRegularFile(dir.resolve(Split.TRAIN.fileName())) && Files.isRegularFile(dir.resolve(Split.TEST.fileName()));
    }

    private void checkFreeSpace(LockEntry e, Path archive) throws IOException {
        Files.createDirectories(options.dataDir());
        long have = Files.exists(archive) ? Files.size(archive) : 0;
        long part = archive.resolveSibling(archive.getFileName() + ".part").toFile().length();
        long archiveLeft = e.size() >= 0 ? Math.max(0, e.size() - have - part) : Math.max(0, e.maxUnpackedSize() / 2 - part);
        long converted = options.convert() ? e.maxUnpackedSize() / 4 : 0;
        long need = archiveLeft + e.maxUnpackedSize() + converted;
        long free = Files.getFileStore(options.dataDir().toAbsolutePath()).getUsableSpace();
        if (free < need) {
            throw new InvalidInputException(options.dataDir(), String.format(Locale.ROOT,
                    "not enough free space for %s: need about %.1f GB (archive %.1f%s + extracted .pt %.1f + task-set %.1f),"
                            + " have %.1f GB", e.id(), need / 1e9, archiveLeft / 1e9, e.size() < 0 ? " estimated" : "",
                    e.maxUnpackedSize() / 1e9, converted / 1e9, free / 1e9));
        }
    }
}
