package dev.mer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {
    @Test
    void theMessageNamesTheFileThenTheProblem() {
        InvalidInputException e = new InvalidInputException(Path.of("data/a.pt"), "truncated");
        assertEquals("data/a.pt: truncated", e.getMessage());
        assertEquals(Path.of("data/a.pt"), e.file());
        assertEquals("no file", new InvalidInputException(null, "no file").getMessage());
    }

    /**
     * Issue 16's fuzzing findings: a pickle's global name, a zip entry's name, a tar entry's name,
     * quoted from the file, carried line breaks into the one line the command prints.
     */
    @Test
    void controlCharactersQuotedFromTheFileAreEscapedSoTheMessageStaysOneLine() {
        InvalidInputException e = new InvalidInputException(Path.of("in.pt"),
                "refusing global torch\nos.system\r\u0000\u001b[2J\u0085\u2028 (tabs\tstay)");
        assertEquals("in.pt: refusing global torch\\nos.system\\r\\x00\\x1b[2J\\x85\\u2028 (tabs\tstay)",
                e.getMessage());
    }

    @Test
    void aCauseIsKept() {
        Exception cause = new java.io.IOException("x");
        assertSame(cause, new InvalidInputException(Path.of("f"), "bad", cause).getCause());
    }
}
