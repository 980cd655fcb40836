package dev.mer.dataset.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory trees: staging directories and replaced outputs removed whole. */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything below it, children before their directory; nothing when
     * it does not exist. Links are deleted, never followed.
     *
     * @throws IOException the first deletion that failed (what was deleted before it stays deleted)
     */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
