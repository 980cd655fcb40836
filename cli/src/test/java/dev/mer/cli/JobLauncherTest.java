package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.experiment.cluster.Launcher;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JobLauncherTest {
    @Test
    void aComputeNodeStartsThisJavaAndClassPathByAbsolutePaths() {
        Launcher l = JobLauncher.current();
        assertTrue(Path.of(l.java().get(0)).isAbsolute(), l.java().get(0));
        assertTrue(Files.isExecutable(Path.of(l.java().get(0))), l.java().get(0));
        assertEquals("-cp", l.program().get(0));
        for (String entry : l.program().get(1).split(File.pathSeparator)) {
            assertTrue(Path.of(entry).isAbsolute(), entry);
        }
        assertEquals("dev.mer.cli.Mer", l.program().get(2));
    }

    @Test
    void theJvmOptionsAreThoseTheMerLauncherScriptGivesATrainingCommand() throws Exception {
        // the cli module's tests run in cli/: the launcher is ../mer
        String script = Files.readString(Path.of("..", "mer"));
        for (String option : JobLauncher.JVM_OPTIONS) {
            assertTrue(script.contains(option), option + " is not in ./mer");
        }
    }
}
