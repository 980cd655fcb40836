package dev.mer.fetch.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {
    @TempDir
    Path tmp;

    private Path archive(byte[] bytes) throws IOException {
        Path a = tmp.resolve("a.tar.gz");
        Files.write(a, bytes);
        return a;
    }

    private String refused(byte[] archive) throws IOException {
        Path a = archive(archive);
        Path out = tmp.resolve("out");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ArchiveExtractor.extract(a, out, 1 << 20));
        assertTrue(e.getMessage().startsWith(a + ": "), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil")), "nothing written outside");
        return e.getMessage();
    }

    @Test
    void extractsRegularFilesAndDirectories() throws IOException {
        byte[] pt = "torch bytes".getBytes();
        Path a = archive(new Archives().directory("data").file("data/mnist_rotations.pt", pt).file("README", new byte[3])
                .build());
        List<Path> files = ArchiveExtractor.extract(a, tmp.resolve("out"), 1 << 20);
        assertEquals(List.of(tmp.resolve("out/data/mnist_rotations.pt"), tmp.resolve("out/README")), files);
        assertArrayEquals(pt, Files.readAllBytes(files.get(0)));
    }

    @Test
    void refusesAnEntryThatEscapesTheTarget() throws IOException {
        assertTrue(refused(new Archives().file("../evil", new byte[1]).build()).contains("'../evil'"));
        assertTrue(refused(new Archives().file("data/../../evil", new byte[1]).build()).contains("outside"));
        assertTrue(refused(new Archives().file("/tmp/evil", new byte[1]).build()).contains("outside"));
    }

    /** Issue 16's fuzzing finding: the quoted name broke the one-line error over several lines. */
    @Test
    void anEntryNameWithALineBreakIsQuotedOnOneLine() throws IOException {
        String m = refused(new Archives().file("a\nb/../../evil", new byte[1]).build());
        assertTrue(m.contains("'a\\nb/../../evil'"), m);
        assertFalse(m.contains("\n"), m);
    }

    /**
     * Issue 16's fuzzing findings: entries that clash on disk were a FileAlreadyExistsException or
     * "Is a directory" naming only a staging file.
     */
    @Test
    void entriesThatClashOnDiskAreTheArchivesErrorNamingTheEntry() throws IOException {
        String m = refused(new Archives().file("a", new byte[1]).file("a/b", new byte[1]).build());
        assertTrue(m.contains("cannot extract archive entry 'a/b': it or its directory clashes with an earlier entry"), m);
        FileTrees.delete(tmp.resolve("out"));
        m = refused(new Archives().directory("d").file("d", new byte[1]).build());
        assertTrue(m.contains("cannot extract archive entry 'd': "), m);
    }

    @Test
    void anArchiveOfThousandsOfEntriesIsRefused() throws IOException {
        Archives many = new Archives();
        for (int i = 0; i <= ArchiveExtractor.MAX_ENTRIES; i++) {
            many.directory("d" + i);
        }
        assertTrue(refused(many.build()).contains("more than 4096 entries"));
    }

    @Test
    void refusesLinksAndDevices() throws IOException {
        assertTrue(refused(new Archives().link("x.pt", "/etc/passwd", true).build()).contains("a link"));
        assertTrue(refused(new Archives().file("a", new byte[1]).link("b", "a", false).build()).contains("a link"));
        assertTrue(refused(new Archives().device("dev").build()).contains("device"));
    }

    @Test
    void refusesEntriesBeyondTheSizeBound() throws IOException {
        Path a = archive(new Archives().file("big.pt", new byte[2000]).build());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ArchiveExtractor.extract(a, tmp.resolve("out"), 1000));
        assertTrue(e.getMessage().contains("exceed the bound of 1000 bytes"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out/big.pt")));
    }

    @Test
    void aTruncatedArchiveIsRefusedAndLeavesNoPartialFile() throws IOException {
        byte[] whole = new Archives().file("x.pt", new byte[200_000]).build();
        Path a = archive(Arrays.copyOf(whole, whole.length / 2));
        assertThrows(InvalidInputException.class, () -> ArchiveExtractor.extract(a, tmp.resolve("out"), 1 << 20));
        assertFalse(Files.exists(tmp.resolve("out/x.pt")));
        assertFalse(Files.exists(tmp.resolve("out/x.pt.part")));
    }
}
