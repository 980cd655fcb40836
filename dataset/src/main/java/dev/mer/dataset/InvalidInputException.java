package dev.mer.dataset;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Bad input a user can fix: a corrupt or truncated file, a wrong format, a missing piece. The
 * message is one line that names the file and says what is wrong; the command line prints it
 * without a stack trace and exits 1.
 */
public class InvalidInputException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** @param file the offending file or directory; {@code null} when the problem is not a file's */
    public InvalidInputException(Path file, String problem) {
        super(oneLine(file == null ? problem : file + ": " + problem));
        this.file = file;
    }

    public InvalidInputException(Path file, String problem, Throwable cause) {
        this(file, problem);
        initCause(cause);
    }

    /**
     * {@code text} with its control characters escaped ({@code \n} as {@code \\n}, the others but the tab as
     * {@code \\xNN} or {@code \\uNNNN}): a problem often quotes the file's own bytes (a pickle's
     * global name, a lock's value), and the message must stay the one line the command prints.
     */
    static String oneLine(String text) {
        if (text == null || text.chars().noneMatch(InvalidInputException::isControl)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            if (!isControl(c)) {
                b.append((char) c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x100) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.append(String.format("\\u%04x", c));
            }
        });
        return b.toString();
    }

    /**
     * Characters that break or hide a line on a terminal: C0 but the tab, DEL, C1, and Unicode's
     * line and paragraph separators.
     */
    private static boolean isControl(int c) {
        return c < 0x20 && c != '\t' || c >= 0x7f && c < 0xa0 || c == 0x2028 || c == 0x2029;
    }

    /** The offending file, or {@code null}. */
    public Path file() {
        return file;
    }
}
