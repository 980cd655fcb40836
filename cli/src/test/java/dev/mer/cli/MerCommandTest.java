package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class MerCommandTest {
    @Test
    void helpListsEverySubcommandWithOneLine() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Commands:"), run.out());
        for (String command : new String[] {"fetch", "convert", "generate", "info", "train", "suite"}) {
            assertTrue(run.out().matches("(?s).*\\n  " + command + " +[A-Z][^\\n]*\\.\\n.*"),
                    command + " has a one-line sentence (80 columns): " + run.out());
        }
    }

    @Test
    void versionNamesMer() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("mer "), run.out());
    }

    @Test
    void noCommandOrAnUnknownOptionIsAUsageError() {
        assertEquals(2, CliRun.of().exitCode());
        CliRun run = CliRun.of("--frobnicate");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Unknown option: '--frobnicate'"), run.err());
        assertEquals(2, CliRun.of("nosuchcommand").exitCode());
    }

    @Test
    void userErrorsAreOneLineWithoutAStackTraceAndBugsAreNot() {
        assertEquals("/x/y: no such file or directory", UserErrors.userMessage(new NoSuchFileException("/x/y")));
        assertEquals(null, UserErrors.userMessage(new IllegalStateException("bug")));
    }
}
