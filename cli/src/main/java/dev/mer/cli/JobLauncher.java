package dev.mer.cli;

import dev.mer.experiment.cluster.Launcher;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a compute node starts the mer of this process: this JVM's java executable and class path, as
 * absolute paths (the node shares the file system), with the JVM options the {@code mer} launcher
 * script gives a training command.
 */
final class JobLauncher {
    /** What {@code ./mer} passes to java for train, suite and demo (see the script). */
    static final List<String> JVM_OPTIONS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC");

    private JobLauncher() {
    }

    /** This process's mer, to run elsewhere. */
    static Launcher current() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> classPath = new ArrayList<>();
        // java -jar mer.jar: the class path is the jar, whose manifest names its lib/ beside it
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        List<String> jvm = new ArrayList<>(List.of(java));
        jvm.addAll(JVM_OPTIONS);
        return new Launcher(jvm, List.of("-cp", String.join(File.pathSeparator, classPath), Mer.class.getName()));
    }
}
