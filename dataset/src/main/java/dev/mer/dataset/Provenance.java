package dev.mer.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Objects;

/**
 * Where a task-set came from, enough to make it again. Deliberately free of timestamps and
 * absolute paths, so that the same inputs and arguments give byte-identical files.
 *
 * @param tool the program that wrote it, e.g. {@code mer generate}
 * @param arguments its arguments as given
 * @param sources the input files by content
 * @param settings the effective settings, resolved defaults included (seed, encoding decision...)
 * @param merVersion the version of mer that wrote it
 */
public record Provenance(String tool, List<String> arguments, List<SourceFile> sources,
                         JsonNode settings, String merVersion) {
    public Provenance {
        Objects.requireNonNull(tool, "tool");
        arguments = List.copyOf(arguments);
        sources = List.copyOf(sources);
        if (settings == null) {
            settings = JsonNodeFactory.instance.objectNode();
        }
        Objects.requireNonNull(merVersion, "merVersion");
    }
}
