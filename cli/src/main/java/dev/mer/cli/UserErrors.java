package dev.mer.cli;

import dev.mer.dataset.InvalidInputException;
import dev.mer.train.checkpoint.RunStopped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps exceptions to exit codes: what the user can fix is one line on stderr and exit 1; anything
 * else is a bug, reported with its stack trace and exit 70.
 */
final class UserErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof RunStopped stopped) {
            cl.getErr().println("mer: " + stopped.getMessage());
            cl.getErr().flush();
            return RunStopped.EXIT_CODE;
        }
        String message = userMessage(t);
        if (message != null) {
            cl.getErr().println("mer: " + message);
            cl.getErr().flush();
            return Mer.EXIT_USER_ERROR;
        }
        cl.getErr().println("mer: internal error, please report it with the command that caused it:");
        e.printStackTrace(cl.getErr());
        cl.getErr().flush();
        return Mer.EXIT_INTERNAL_ERROR;
    }

    /** The one-line message of a user error, or {@code null} if {@code t} is a bug. */
    static String userMessage(Throwable t) {
        if (t instanceof InvalidInputException) {
            return t.getMessage();
        }
        if (t instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or directory";
        }
        if (t instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "already exists" : f.getReason());
        }
        if (t instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (t instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
        }
        if (t instanceof IOException) {
            return t.getMessage() == null ? t.toString() : t.getMessage().replace('\n', ' ');
        }
        return null;
    }
}
