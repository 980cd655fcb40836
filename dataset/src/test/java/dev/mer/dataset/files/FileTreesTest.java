package dev.mer.dataset.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path dir;

    @Test
    void deleteRemovesTheWholeTreeAndLeavesItsSiblings() throws IOException {
        Path root = dir.resolve("staging");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/c.txt"), "c");
        Files.writeString(root.resolve("top.txt"), "top");
        Files.writeString(dir.resolve("sibling.txt"), "kept");
        FileTrees.delete(root);
        assertFalse(Files.exists(root));
        assertTrue(Files.exists(dir.resolve("sibling.txt")));
    }

    @Test
    void deleteOfWhatDoesNotExistDoesNothing() throws IOException {
        FileTrees.delete(dir.resolve("absent"));
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void deleteRemovesALinkWithoutFollowingIt() throws IOException {
        Path target = dir.resolve("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("kept.txt"), "kept");
        Path root = dir.resolve("root");
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("link"), target);
        FileTrees.delete(root);
        assertFalse(Files.exists(root));
        assertTrue(Files.exists(target.resolve("kept.txt")));
    }
}
