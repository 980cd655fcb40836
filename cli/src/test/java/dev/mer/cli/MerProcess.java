package dev.mer.cli;

import dev.mer.experiment.cluster.Launcher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code mer ARGS} as a real child process (this JVM's java and mer's classes), output discarded: what tests kill. */
final class MerProcess {
    private MerProcess() {
    }

    /** Starts {@code mer args}. */
    static Process start(List<String> args) throws IOException {
        Launcher mer = JobLauncher.current();
        List<String> command = new ArrayList<>(mer.java());
        command.addAll(mer.program());
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
