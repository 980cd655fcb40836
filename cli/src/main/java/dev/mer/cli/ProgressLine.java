package dev.mer.cli;

import dev.mer.dataset.progress.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on stderr, the terminal's one {@link Progress}: a bar redrawn in place (at most ten
 * times a second) when stderr is a terminal, else a plain line every ten seconds, so that logs of
 * long runs stay readable. Each {@linkplain #stage stage} starts a line of its own, named.
 */
final class ProgressLine implements Progress {
    private static final long TERMINAL_EVERY_NANOS = 100_000_000L;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final boolean terminal;
    private final String label;
    private final boolean bytes;
    private long start = System.nanoTime();
    private String stage = "";
    private long last;
    private int lastLength;

    /**
     * @param terminal whether to redraw a bar in place rather than print a line every ten seconds
     * @param bytes whether the units are bytes (shown as kB/MB/GB) or items
     */
    ProgressLine(PrintWriter err, boolean terminal, String label, boolean bytes) {
        this.err = err;
        this.terminal = terminal;
        this.label = label;
        this.bytes = bytes;
    }

    /** A progress line of items on {@code err}, drawn as a bar if the process's stderr is a terminal. */
    static ProgressLine on(PrintWriter err, String label) {
        return new ProgressLine(err, System.console() != null, label, false);
    }

    /** A progress line of bytes on {@code err}, drawn as a bar if the process's stderr is a terminal. */
    static ProgressLine ofBytes(PrintWriter err, String label) {
        return new ProgressLine(err, System.console() != null, label, true);
    }

    /** Ends the line of the stage before and counts the rate from now; the stage's name is the note. */
    @Override
    public synchronized void stage(String name) {
        end();
        stage = name;
        start = System.nanoTime();
        last = 0;
    }

    /**
     * Reports {@code done} of {@code total} (-1: unknown) units.
     *
     * @param note a short extra text (attempt, mirror, task), or empty for the stage's name
     */
    @Override
    public synchronized void update(long done, long total, String note) {
        if (note.isEmpty()) {
            note = stage;
        }
        long now = System.nanoTime();
        boolean finished = total >= 0 && done >= total;
        if (!finished && now - last < (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
            return;
        }
        last = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%3d%% ", 100 * done / total));
        }
        sb.append(bytes ? Units.bytes(done) : Long.toString(done));
        if (total > 0) {
            sb.append(" / ").append(bytes ? Units.bytes(total) : Long.toString(total));
        }
        sb.append(bytes ? "  " + Units.bytes((long) rate) + "/s" : String.format(Locale.ROOT, "  %.0f/s", rate));
        if (total > 0 && rate > 0 && !finished) {
            sb.append("  ETA ").append(Units.duration((total - done) / rate));
        }
        if (!note.isEmpty()) {
            sb.append("  ").append(note);
        }
        if (terminal) {
            String text = sb.toString();
            err.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
            lastLength = text.length();
        } else {
            err.println(sb);
        }
        err.flush();
    }

    /** Ends the bar's line, so that the next message starts on a fresh one. */
    synchronized void end() {
        if (terminal && lastLength > 0) {
            err.println();
            err.flush();
            lastLength = 0;
        }
    }

    /** Prints a message line, first ending any bar being drawn. */
    synchronized void message(String line) {
        end();
        err.println(line);
        err.flush();
    }
}
