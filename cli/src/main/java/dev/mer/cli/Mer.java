package dev.mer.cli;

import dev.mer.dataset.MerVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code mer} command. Exit codes: 0 success, 1 user error (one line on stderr), 2 usage
 * error, 70 internal error (a bug: the stack trace is printed).
 */
@Command(name = "mer",
        mixinStandardHelpOptions = true,
        versionProvider = Mer.Version.class,
        description = {
            "Fetch, convert, generate and train on the continual-learning benchmarks of",
            "Meta-Experience Replay (Riemer et al., ICLR 2019) and GEM (Lopez-Paz & Ranzato, 2017)."},
        subcommands = {FetchCommand.class, ConvertCommand.class, GenerateCommand.class, InfoCommand.class, TrainCommand.class,
            SuiteCommand.class,
            DemoCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Run 'mer COMMAND --help' for a command's options and examples."})
public final class Mer implements Runnable {
    /** Exit code of a user error: bad input, missing file, refused operation. */
    public static final int EXIT_USER_ERROR = 1;
    /** Exit code of an internal error. */
    public static final int EXIT_INTERNAL_ERROR = 70;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** A configured command line, output to the given writers (tests pass their own). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Mer());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new UserErrors());
        cl.setUsageHelpAutoWidth(true);
        TrainCommand.defineFlags(cl.getSubcommands().get("train").getCommandSpec());
        return cl;
    }

    /** Runs {@code mer} with {@code args} and returns the exit code. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return commandLine(out, err).execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mer " + MerVersion.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
