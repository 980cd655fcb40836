package dev.mer.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The committed fixtures of {@code src/test/resources/fixtures}, made by
 * {@code convert/scripts/make_fixtures.py} with PyTorch 1.13; each {@code NAME.pt} has a sidecar
 * {@code NAME.json} holding what {@code torch.load} saw.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The committed fixture file {@code name}. */
    public static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    /** A copy of fixture {@code name} in {@code dir}, so outputs written next to it land there. */
    public static Path copy(String name, Path dir) {
        try {
            return Files.copy(path(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sidecar of fixture {@code base} (without {@code .pt}). */
    public static JsonNode sidecar(String base) {
        try {
            return new ObjectMapper().readTree(path(base + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
