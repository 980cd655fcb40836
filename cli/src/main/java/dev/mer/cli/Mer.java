package dev.mer.cli;

import dev.mer.dataset.MerVersion;
import java.io.PrintWriter;
import java.util.List;
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

    /** The subcommands, in the order {@code mer --help} lists them (then {@code help}). */
    private static final List<Class<?>> COMMANDS = List.of(FetchCommand.class, ConvertCommand.class,
            GenerateCommand.class, InfoCommand.class, TrainCommand.class, SuiteCommand.class, DemoCommand.class,
            ReportCommand.class);

    /** A configured command line with every subcommand, output to the given writers (tests pass their own). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name, with that
     * subcommand alone, else with all. Picocli reflects over a subcommand's options when it is
     * added, which for all of them was a tenth of a second of every start; a command runs the same
     * either way, and what needs the others (the top-level help, suggestions for a mistyped name)
     * has them.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        Class<?> only = args == null || args.length == 0 ? null : commandNamed(args[0]);
        CommandLine cl = new CommandLine(new Mer());
        for (Class<?> c : COMMANDS) {
            if (only == null || c == only) {
                cl.addSubcommand(new CommandLine(c));
            }
        }
        if (only == null) {
            cl.addSubcommand(new CommandLine.HelpCommand());
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new UserErrors());
        cl.setUsageHelpAutoWidth(true);
        CommandLine train = cl.getSubcommands().get("train");
        if (train != null) {
            TrainCommand.defineFlags(train.getCommandSpec());
        }
        return cl;
    }

    /** The subcommand whose name or alias is {@code name}, or null. */
    private static Class<?> commandNamed(String name) {
        for (Class<?> c : COMMANDS) {
            Command command = c.getAnnotation(Command.class);
            if (command.name().equals(name) || List.of(command.aliases()).contains(name)) {
                return c;
            }
        }
        return null;
    }

    /** Runs {@code mer} with {@code args} and returns the exit code. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return commandLine(out, err, args).execute(args);
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
