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
        super(file == null ? problem : file + ": " + problem);
        this.file = file;
    }

    public InvalidInputException(Path file, String problem, Throwable cause) {
        this(file, problem);
        initCause(cause);
    }

    /** The offending file, or {@code null}. */
    public Path file() {
        return file;
    }
}
