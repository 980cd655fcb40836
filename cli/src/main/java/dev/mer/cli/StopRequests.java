package dev.mer.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop at the next step: a run that keeps a checkpoint writes it
 * there and exits with {@link dev.mer.train.checkpoint.RunStopped#EXIT_CODE}, instead of the JVM's
 * immediate death. Slurm sends SIGTERM before a time limit or a preemption ({@code --signal}); a
 * second signal while the step finishes quits at once, as an impatient Ctrl-C expects.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's only way to handle a
 * signal rather than run shutdown hooks once the JVM is already exiting; it is what build tools
 * and servers on the JVM use for the same purpose.
 */
final class StopRequests implements BooleanSupplier {
    private final AtomicBoolean requested = new AtomicBoolean();

    private StopRequests() {
    }

    /** Handles SIGTERM and SIGINT from now on, saying on {@code err} what happens. */
    static StopRequests install(PrintWriter err) {
        return install(err, "stopping after this step to write the checkpoint", () -> { });
    }

    /**
     * Handles SIGTERM and SIGINT from now on: the first says {@code what} on {@code err} and runs
     * {@code onStop} (on the signal's thread), a second quits at once.
     */
    static StopRequests install(PrintWriter err, String what, Runnable onStop) {
        StopRequests s = new StopRequests();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), sig -> {
                if (s.requested.compareAndSet(false, true)) {
                    err.println();
                    err.println("mer: SIG" + sig.getName() + ": " + what + " (send it again to quit without it)");
                    err.flush();
                    onStop.run();
                } else {
                    Runtime.getRuntime().halt(128 + sig.getNumber());
                }
            });
        }
        return s;
    }

    /** Whether a stop was asked for. */
    @Override
    public boolean getAsBoolean() {
        return requested.get();
    }
}
