package dev.mer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the {@code mer} command line in-process, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code mer args...} and captures stdout and stderr. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Mer.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
