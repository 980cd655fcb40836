package dev.mer.fetch.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLockTest {
    @TempDir
    Path tmp;

    @Test
    void theProjectsLockFileParsesWithEveryPublishedDataset() throws IOException {
        DatasetLock lock = DatasetLock.read(Path.of("..", "datasets.lock"));
        assertEquals(List.of("rotations", "permutations", "manypermutations", "mnist"), lock.groups());
        assertEquals(4, lock.group("mnist").size());
        LockEntry images = lock.group("mnist").get(0);
        assertEquals("f68b3c2dcbeaaa9fbdd348bbdeb94873", images.md5());
        assertEquals(9912422, images.size());
        assertEquals(2, images.urls().size());
        LockEntry rot = lock.group("rotations").get(0);
        assertEquals(LockEntry.ARCHIVE, rot.kind());
        assertEquals("mnist_rotations.pt", rot.member());
        assertEquals("https://nlp.stanford.edu/data/mer/mnist_rotations.tar.gz", rot.urls().get(0));
    }

    @Test
    void recordingPinsOnlyThatEntrysUnpinnedLines() throws IOException {
        Path p = tmp.resolve("datasets.lock");
        String text = "# keep me\n[a]\nkind = raw\nfile = a.gz\nurl = http://x/a.gz\nsize = unknown\nsha256 = unpinned\n"
                + "target = raw\n\n# and me\n[b]\nkind = raw\nfile = b.gz\nurl = http://x/b.gz\nsha256 = unpinned\ntarget = raw\n";
        Files.writeString(p, text);
        DatasetLock lock = DatasetLock.read(p);
        assertNull(lock.group("a").get(0).sha256());
        String sha = "ab".repeat(32);
        DatasetLock after = lock.record("a", sha, 1234);
        assertEquals(sha, after.group("a").get(0).sha256());
        assertEquals(1234, after.group("a").get(0).size());
        assertNull(after.group("b").get(0).sha256());
        assertEquals(text.replace("size = unknown", "size = 1234").replaceFirst("sha256 = unpinned", "sha256 = " + sha),
                Files.readString(p));
    }

    @Test
    void errorsNameTheFileAndTheSection() throws IOException {
        Path p = tmp.resolve("datasets.lock");
        Files.writeString(p, "[a]\nkind = raw\nfile = a.gz\nsha256 = nothex\nurl = http://x\ntarget = raw\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLock.read(p));
        assertEquals(p + ": section [a] (line 1): invalid sha256 'nothex'", e.getMessage());
        Files.writeString(p, "url = http://x\n");
        e = assertThrows(InvalidInputException.class, () -> DatasetLock.read(p));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        Files.writeString(p, "[a]\nkind = raw\nfile = ../a.gz\nurl = http://x\ntarget = raw\n");
        assertThrows(InvalidInputException.class, () -> DatasetLock.read(p));
        assertFalse(Files.exists(tmp.resolve("nope")));
        e = assertThrows(InvalidInputException.class, () -> DatasetLock.read(tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("no such lock file"));
    }

    /** Issue 16's fuzzing finding: a byte that is not UTF-8 was a MalformedInputException, exit 1 without the file. */
    @Test
    void aLockThatIsNotUtf8IsRefusedNamingTheFile() throws IOException {
        Path p = tmp.resolve("datasets.lock");
        Files.write(p, new byte[] {'#', ' ', (byte) 0xff, '\n'});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetLock.read(p));
        assertEquals(p + ": not UTF-8 text (byte 2 of 4 starts no UTF-8 character)", e.getMessage());
    }
}
