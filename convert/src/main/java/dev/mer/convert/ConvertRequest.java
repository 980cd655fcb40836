package dev.mer.convert;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What to convert and how.
 *
 * @param input the {@code .pt} file
 * @param output the task-set directory to write; null for the default, {@link #defaultOutput(Path)}
 * @param encoding how to store the inputs
 * @param force replace an existing output
 * @param arguments the command line as given, recorded in the manifest's provenance
 */
public record ConvertRequest(Path input, Path output, EncodingChoice encoding, boolean force, List<String> arguments) {
    public ConvertRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(encoding, "encoding");
        arguments = List.copyOf(arguments);
    }

    /** The output directory: the given one, or the default. */
    public Path resolvedOutput() {
        return output != null ? output : defaultOutput(input);
    }

    /**
     * Next to the input, named after it without {@code .pt} (or {@code .pth}):
     * {@code data/mnist_rotations.pt} → {@code data/mnist_rotations}. Other names get
     * {@code .task-set} appended, so the input is never the output.
     */
    public static Path defaultOutput(Path input) {
        Path abs = input.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String base;
        if (lower.endsWith(".pt") && name.length() > 3) {
            base = name.substring(0, name.length() - 3);
        } else if (lower.endsWith(".pth") && name.length() > 4) {
            base = name.substring(0, name.length() - 4);
        } else {
            base = name + ".task-set";
        }
        return abs.resolveSibling(base);
    }
}
