package dev.mer.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text files a user hands mer (datasets.lock, grid TSVs): read as UTF-8, where a byte that is
 * not UTF-8 is the user's error naming the file and the byte's offset (Java's own readers throw a
 * {@link java.nio.charset.MalformedInputException} that names neither: "Input length = 1").
 */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * The whole of {@code file} as text.
     *
     * @throws InvalidInputException if it is not UTF-8, naming the offset of the first bad byte
     */
    public static String readUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidInputException(file, "not UTF-8 text (byte " + in.position() + " of " + bytes.length
                    + " starts no UTF-8 character)", toException(result));
        }
        return out.flip().toString();
    }

    /** The lines of {@code file}, as {@link Files#readAllLines} splits them (\n, \r\n or \r), in a list the caller may change. */
    public static List<String> readUtf8Lines(Path file) throws IOException {
        return readUtf8(file).lines().collect(Collectors.toCollection(ArrayList::new));
    }

    private static CharacterCodingException toException(java.nio.charset.CoderResult result) {
        try {
            result.throwException();
            return new CharacterCodingException();
        } catch (CharacterCodingException e) {
            return e;
        }
    }
}
