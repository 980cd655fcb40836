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
    void aCommandLineStartingWithASubcommandBuildsThatOneAloneAndAnyOtherBuildsThemAll() {
        java.io.PrintWriter none = new java.io.PrintWriter(new java.io.StringWriter());
        assertEquals(java.util.Set.of("train"),
                Mer.commandLine(none, none, new String[] {"train", "--help"}).getSubcommands().keySet());
        java.util.Set<String> all = Mer.commandLine(none, none).getSubcommands().keySet();
        assertEquals(java.util.Set.of("fetch", "convert", "generate", "info", "train", "suite", "demo", "report", "help"),
                all);
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "train"}, {"trian"}}) {
            assertEquals(all, Mer.commandLine(none, none, args).getSubcommands().keySet(), String.join(" ", args));
        }
        CliRun mistyped = CliRun.of("trian");
        assertEquals(2, mistyped.exitCode());
        assertTrue(mistyped.err().contains("Did you mean: mer train?"), mistyped.err());
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
