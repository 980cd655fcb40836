package dev.mer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One run of the {@code mer} command line in-process, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code mer args...} and captures stdout and stderr. */
    static CliRun of(String... args) {
        return of(System.getenv(), args);
    }

    /** Runs {@code mer args...} as if the process environment were {@code environment} (what --cell env reads). */
    static CliRun of(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the command line main builds for these arguments (the named subcommand alone, or all)
        CommandLine cl = Mer.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args);
        CommandLine suite = cl.getSubcommands().get("suite");
        if (suite != null) {
            ((SuiteCommand) suite.getCommand()).environment = environment;
        }
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
