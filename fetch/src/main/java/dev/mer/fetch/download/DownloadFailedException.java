package dev.mer.fetch.download;

import dev.mer.dataset.InvalidInputException;
import java.nio.file.Path;

/** Every mirror failed, or what arrived is not what the lock file promises. One line, naming the file. */
public final class DownloadFailedException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public DownloadFailedException(Path file, String problem) {
        super(file, problem);
    }
}
