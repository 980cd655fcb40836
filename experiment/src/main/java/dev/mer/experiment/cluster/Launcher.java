package dev.mer.experiment.cluster;

import java.util.List;

/**
 * How a compute node starts mer: absolute paths only, since the job runs elsewhere (on the same
 * file system). {@code MER_JAVA_OPTS} of the job's environment goes between the two parts, as the
 * {@code mer} launcher script places it.
 *
 * @param java the java executable and the JVM options mer needs ({@code --add-modules=…})
 * @param program what follows the JVM options: the class path and main class, or {@code -jar JAR}
 */
public record Launcher(List<String> java, List<String> program) {
    public Launcher {
        java = List.copyOf(java);
        program = List.copyOf(program);
        if (java.isEmpty() || program.isEmpty()) {
            throw new IllegalArgumentException("a launcher needs java and a program");
        }
    }
}
