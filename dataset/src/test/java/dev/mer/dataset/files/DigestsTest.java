package dev.mer.dataset.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestsTest {
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String ABC_MD5 = "900150983cd24fb0d6963f7d28e17f72";

    @TempDir
    Path dir;

    @Test
    void sha256OfBytesAndOfTextIsTheStandardLowerCaseHex() {
        assertEquals(ABC_SHA256, Digests.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ABC_SHA256, Digests.sha256("abc"));
    }

    @Test
    void updateFeedsEveryDigestTheWholeFileInOneRead() throws IOException {
        Path file = dir.resolve("abc");
        Files.writeString(file, "abc");
        MessageDigest sha = Digests.sha256();
        MessageDigest md5 = Digests.md5();
        Digests.update(file, sha, md5);
        assertEquals(ABC_SHA256, Digests.hex(sha));
        assertEquals(ABC_MD5, Digests.hex(md5));
    }
}
