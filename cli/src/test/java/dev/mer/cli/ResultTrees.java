package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Two suites' output directories compared file by file: the same result files under {@code runs/},
 * GEM's {@code .txt} byte for byte, the {@code .json} byte for byte but for its timing (the {@code
 * timing} object and the seconds that end the one-liner), and {@code summary.csv} but for its two
 * columns of seconds.
 */
final class ResultTrees {
    private static final Pattern TIMING = Pattern.compile("(\"timing\" : )\\{[^}]*}|( # )[0-9.Ee+-]+(\",?\\n)");

    private ResultTrees() {
    }

    /** The names of the files in {@code dir}, sorted, hidden ones (temporaries) included. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Relative paths of every file under {@code root}, sorted. */
    static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /**
     * {@code .json} text with its timing replaced by {@code T}: the {@code timing} object whatever it
     * holds, and the one-liner's seconds; two replacements, or the layout changed.
     */
    static String withoutTiming(String json) {
        Matcher m = TIMING.matcher(json);
        StringBuilder sb = new StringBuilder();
        int replaced = 0;
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) != null ? m.group(1) + "T"
                    : m.group(2) + "T" + m.group(3)));
            replaced++;
        }
        m.appendTail(sb);
        assertEquals(2, replaced, "timing fields of\n" + json);
        return sb.toString();
    }

    /** Asserts that {@code actual} holds the results of {@code expected}, timing aside. */
    static void assertSameResults(Path expected, Path actual) throws IOException {
        List<String> files = files(expected.resolve("runs"));
        assertTrue(!files.isEmpty(), "no results in " + expected);
        assertEquals(files, files(actual.resolve("runs")), "result files");
        for (String f : files) {
            Path a = expected.resolve("runs").resolve(f);
            Path b = actual.resolve("runs").resolve(f);
            if (f.endsWith(".json")) {
                assertEquals(withoutTiming(Files.readString(a)), withoutTiming(Files.readString(b)), f);
            } else {
                assertTrue(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)), f + " differs");
            }
        }
        assertEquals(csvWithoutSeconds(expected.resolve("summary.csv")), csvWithoutSeconds(actual.resolve("summary.csv")));
    }

    private static List<String> csvWithoutSeconds(Path csv) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",", -1);
            // seconds_mean, seconds_total
            f[10] = "T";
            f[11] = "T";
            lines.add(String.join(",", f));
        }
        return lines;
    }
}
