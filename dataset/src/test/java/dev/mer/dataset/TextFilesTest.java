package dev.mer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
    @TempDir
    Path tmp;

    @Test
    void utf8TextIsReadWholeAndSplitIntoLinesAsJavaSplitsThem() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.txt"), "caf\u00e9\r\nb\rc\n\nd", StandardCharsets.UTF_8);
        assertEquals("caf\u00e9\r\nb\rc\n\nd", TextFiles.readUtf8(f));
        assertEquals(Files.readAllLines(f), TextFiles.readUtf8Lines(f));
        assertEquals(List.of("caf\u00e9", "b", "c", "", "d"), TextFiles.readUtf8Lines(f));
    }

    @Test
    void aByteThatIsNotUtf8IsTheUsersErrorNamingTheFileAndTheOffset() throws Exception {
        Path f = Files.write(tmp.resolve("b.txt"), new byte[] {'o', 'k', '\n', (byte) 0xc3, '('});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TextFiles.readUtf8(f));
        assertEquals(f + ": not UTF-8 text (byte 3 of 5 starts no UTF-8 character)", e.getMessage());
        assertEquals(f, e.file());
    }

    @Test
    void aTruncatedCharacterAtTheEndIsRefusedToo() throws Exception {
        Path f = Files.write(tmp.resolve("c.txt"), new byte[] {'a', (byte) 0xe2, (byte) 0x82});
        assertEquals(f + ": not UTF-8 text (byte 1 of 3 starts no UTF-8 character)",
                assertThrows(InvalidInputException.class, () -> TextFiles.readUtf8(f)).getMessage());
    }
}
