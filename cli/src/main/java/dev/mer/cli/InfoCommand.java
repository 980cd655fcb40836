package dev.mer.cli;

import dev.mer.dataset.Manifest;
import dev.mer.dataset.SourceFile;
import dev.mer.dataset.TaskInfo;
import dev.mer.dataset.TaskSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mer info DIR}: what a task-set holds, from its manifests. */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        description = {"Show a task-set's tasks, rows, encoding and size on disk.",
            "Also the kind and parameter of each task and the source files' digests."},
        footer = {"", "Examples:",
            "  mer info data/mnist_rotations",
            "  mer info --json data/mnist_permutations > manifest.json"})
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A task-set directory (holding train.arrow and test.arrow).")
    Path directory;

    @Option(names = "--json", description = "Print the train split's manifest as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (BufferAllocator allocator = new RootAllocator();
             TaskSet set = TaskSet.open(directory, allocator)) {
            if (json) {
                out.println(set.manifest().toJsonTree().toPrettyString());
            } else {
                print(out, set);
            }
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, TaskSet set) {
        Manifest train = set.train().manifest();
        Manifest test = set.test().manifest();
        out.printf(Locale.ROOT, "%s: mer task-set (format %d), %d tasks, x %s %s (%d inputs), %d classes%n",
                directory, train.formatVersion(), train.taskCount(), train.encoding().jsonName(), train.shape(),
                train.nInputs(), train.nClasses());
        out.printf(Locale.ROOT, "made by: %s %s (mer %s)%n", train.provenance().tool(),
                String.join(" ", train.provenance().arguments()), train.provenance().merVersion());
        for (SourceFile s : train.provenance().sources()) {
            out.printf(Locale.ROOT, "source:  %s (%s, sha256 %s)%n", s.name(), Units.bytes(s.size()), s.sha256());
        }
        out.printf(Locale.ROOT, "on disk: train.arrow %s, test.arrow %s%n",
                Units.bytes(set.train().sizeOnDisk()), Units.bytes(set.test().sizeOnDisk()));
        out.println();
        out.printf(Locale.ROOT, "%5s  %-12s  %-28s  %10s  %10s%n", "task", "kind", "parameter", "train rows", "test rows");
        for (int t = 0; t < train.taskCount(); t++) {
            TaskInfo info = train.tasks().get(t);
            out.printf(Locale.ROOT, "%5d  %-12s  %-28s  %10d  %10d%n", t, info.kind().jsonName(),
                    info.describeParameter(), info.rows(), test.tasks().get(t).rows());
        }
        out.printf(Locale.ROOT, "%5s  %-12s  %-28s  %10d  %10d%n", "total", "", "", train.totalRows(), test.totalRows());
    }
}
