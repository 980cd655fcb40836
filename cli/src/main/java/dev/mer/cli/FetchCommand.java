package dev.mer.cli;

import dev.mer.convert.ConvertRequest;
import dev.mer.convert.Converter;
import dev.mer.convert.EncodingChoice;
import dev.mer.fetch.FetchOptions;
import dev.mer.fetch.Fetcher;
import dev.mer.fetch.PtConverter;
import dev.mer.fetch.download.DownloadListener;
import dev.mer.fetch.download.Downloader;
import dev.mer.fetch.download.RetryPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mer fetch}: download, verify, extract and convert the published datasets. */
@Command(name = "fetch",
        mixinStandardHelpOptions = true,
        description = {"Download, verify and convert the published datasets, resumably.",
            "The MER archives or raw MNIST; interrupted downloads resume.",
            "Downloads are verified against datasets.lock; archives are converted into task-sets."},
        footer = {"", "Datasets: rotations, permutations, manypermutations (the MER archives: 4.4, 4.4 and 22 GB",
            "unpacked), mnist (the four raw IDX files, for 'mer generate'), all.", "",
            "Examples:",
            "  mer fetch mnist                      # data/raw/mnist/*.gz, checked against the published MD5s",
            "  mer fetch rotations                  # data/mnist_rotations/ (task-set)",
            "  mer fetch rotations --keep-pt --no-convert   # only data/mnist_rotations.pt",
            "  mer fetch all --mirror http://mirror.example.org/mer/ --frozen"})
final class FetchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DATASET", description = "rotations, permutations, manypermutations, mnist or all.")
    String dataset;

    @Mixin
    DataOption data = new DataOption();

    @Option(names = "--mirror", paramLabel = "URL",
            description = "A base URL tried before the lock file's (repeatable); it serves files under their lock names.")
    List<String> mirrors = new ArrayList<>();

    @Option(names = "--keep-archive", description = "Keep the downloaded .tar.gz.")
    boolean keepArchive;

    @Option(names = "--keep-pt", description = "Keep the extracted .pt after conversion.")
    boolean keepPt;

    @Option(names = "--no-convert", description = "Stop at the .pt (implies --keep-pt).")
    boolean noConvert;

    @Option(names = "--frozen", description = "Refuse any lock entry without a pinned digest.")
    boolean frozen;

    @Option(names = "--lock", paramLabel = "FILE",
            description = "The lock file (default: datasets.lock of the mer checkout, else ./datasets.lock).")
    Path lock;

    @Option(names = "--attempts", paramLabel = "N", description = "Attempts per mirror (default: ${DEFAULT-VALUE}).")
    int attempts = 5;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Read timeout: the longest silence of a server (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 60;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ProgressLine bar = ProgressLine.ofBytes(err, "download");
        DownloadListener listener = new DownloadListener() {
            @Override
            public void attempt(String url, int attempt, int mirror, int mirrorCount, long have, long total) {
                bar.message("downloading " + url + (have > 0 ? " (resuming at " + Units.bytes(have) + ")" : ""));
            }

            @Override
            public void update(long done, long total, String note) {
                bar.update(done, total, note);
            }

            @Override
            public void retry(String reason, Duration delay) {
                bar.message("  " + reason + "; retrying in " + Units.duration(delay.toMillis() / 1000.0));
            }
        };
        RetryPolicy policy = new RetryPolicy(attempts, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(15), Duration.ofSeconds(timeoutSeconds));
        PtConverter converter = (pt, taskSet) -> {
            ProgressLine convertBar = ProgressLine.ofBytes(err, "convert");
            try (BufferAllocator allocator = new RootAllocator()) {
                Converter.convert(new ConvertRequest(pt, taskSet, EncodingChoice.AUTO, false,
                        List.of("mer", "fetch", dataset)), allocator, convertBar);
            } finally {
                convertBar.end();
            }
        };
        FetchOptions options = new FetchOptions(data.directory(), lockFile(), mirrors, keepArchive, keepPt || noConvert,
                !noConvert, frozen);
        new Fetcher(options, new Downloader(policy, listener), converter, bar::message).fetch(dataset);
        bar.end();
        return 0;
    }

    private Path lockFile() {
        if (lock != null) {
            return lock;
        }
        String home = System.getenv("MER_HOME");
        return home != null ? Path.of(home, "datasets.lock") : Path.of("datasets.lock");
    }
}
