package dev.mer.dataset;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository stands on its own: a clone has everything its code and documentation cite
 * ({@code docs/README.md} lists the pages). Walks the repository's text files, skipping
 * {@code .git}, build output and the directories the root {@code .gitignore} ignores.
 */
class RepositoryIsSelfContainedTest {
    /** Larger files are data, not source or documentation. */
    private static final long MAX_TEXT_FILE = 4L << 20;
    /** {@code [text](target "title")}, the target in group 1. */
    private static final Pattern INLINE_LINK =
            Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** {@code [label]: target}, the target in group 1. */
    private static final Pattern REFERENCE_LINK = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
    /** A repository-relative path of a page under docs/, as javadoc cites them. */
    private static final Pattern DOCS_CITATION =
            Pattern.compile("(?<![\\w./-])docs/[\\w./-]*\\w\\.md(?![\\w/])");

    private static Path root;
    /** Every text file of the repository, relative path to content. */
    private static Map<Path, String> texts;

    @BeforeAll
    static void readRepository() throws IOException {
        root = repositoryRoot(Path.of(System.getProperty("basedir", System.getProperty("user.dir"))));
        texts = textFiles(root);
        assertTrue(texts.containsKey(Path.of("pom.xml")) && texts.containsKey(Path.of("README.md")),
                "did not find the repository's files under " + root);
    }

    @Test
    void noFileRefersToFilesOutsideTheRepository() {
        // Built from pieces so that this file does not match itself.
        String shared = "sha" + "red";
        List<String> outside =
                List.of(".." + "/" + shared, shared + "/" + "reference", shared + "/" + "STYLE");
        List<String> found = new ArrayList<>();
        texts.forEach((file, text) -> {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String p : outside) {
                    if (lines[i].contains(p)) {
                        found.add(file + ":" + (i + 1) + ": mentions '" + p + "', which a clone does not have: "
                                + lines[i].strip());
                    }
                }
            }
        });
        if (!found.isEmpty()) {
            fail(found.size() + " reference(s) to files outside the repository (move what they cite under docs/):\n"
                    + String.join("\n", found));
        }
    }

    @Test
    void everyRelativeMarkdownLinkPointsToAnExistingFile() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<Path, String> e : texts.entrySet()) {
            Path file = e.getKey();
            if (!file.getFileName().toString().endsWith(".md")) {
                continue;
            }
            boolean fenced = false;
            String[] lines = e.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String trimmed = line.strip();
                if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                String prose = CODE_SPAN.matcher(line).replaceAll("");
                List<String> targets = new ArrayList<>();
                Matcher m = INLINE_LINK.matcher(prose);
                while (m.find()) {
                    targets.add(m.group(1));
                }
                Matcher r = REFERENCE_LINK.matcher(prose);
                if (r.find()) {
                    targets.add(r.group(1));
                }
                for (String target : targets) {
                    String path = localPath(target);
                    if (path == null) {
                        continue;
                    }
                    checked++;
                    Path base = path.startsWith("/") ? root : root.resolve(file).getParent();
                    Path resolved = base.resolve(path.replaceFirst("^/+", "")).normalize();
                    if (!resolved.startsWith(root)) {
                        broken.add(file + ":" + (i + 1) + ": link '" + target + "' leaves the repository");
                    } else if (!Files.exists(resolved)) {
                        broken.add(file + ":" + (i + 1) + ": link '" + target + "' points to a missing file "
                                + root.relativize(resolved));
                    }
                }
            }
        }
        if (!broken.isEmpty()) {
            fail(broken.size() + " broken Markdown link(s):\n" + String.join("\n", broken));
        }
        assertTrue(checked > 0, "found no relative Markdown links at all under " + root);
    }

    @Test
    void everyCitedDocsPageExists() {
        List<String> missing = new ArrayList<>();
        texts.forEach((file, text) -> {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = DOCS_CITATION.matcher(lines[i]);
                while (m.find()) {
                    if (!Files.exists(root.resolve(m.group()))) {
                        missing.add(file + ":" + (i + 1) + ": cites " + m.group() + ", which does not exist");
                    }
                }
            }
        });
        if (!missing.isEmpty()) {
            fail(missing.size() + " citation(s) of missing docs pages:\n" + String.join("\n", missing));
        }
    }

    /** The file path of a link target, or null for a URL or a link within the same page. */
    private static String localPath(String target) {
        if (target.matches("(?i)^[a-z][a-z0-9+.-]*:.*") || target.startsWith("//")) {
            return null;
        }
        String path = target.replaceFirst("[#?].*$", "");
        if (path.isEmpty()) {
            return null;
        }
        if (path.contains("%")) {
            path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        return path;
    }

    /**
     * The nearest directory at or above {@code start} whose {@code pom.xml} declares
     * {@code <modules>} and which holds {@code .git}; without a {@code .git} (an exported source
     * tree), the nearest with such a {@code pom.xml}.
     */
    static Path repositoryRoot(Path start) throws IOException {
        Path aggregator = null;
        for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path pom = d.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
                if (Files.exists(d.resolve(".git"))) {
                    return d;
                }
                if (aggregator == null) {
                    aggregator = d;
                }
            }
        }
        if (aggregator == null) {
            fail("no parent directory of " + start + " has a pom.xml with <modules>");
        }
        return aggregator;
    }

    /** The repository's text files (valid UTF-8 without NUL bytes), by path relative to {@code root}. */
    private static Map<Path, String> textFiles(Path root) throws IOException {
        Set<Path> ignoredAnywhere = new HashSet<>(List.of(Path.of(".git"), Path.of("target"), Path.of("node_modules")));
        Set<Path> ignoredAtRoot = new HashSet<>();
        Path gitignore = root.resolve(".gitignore");
        if (Files.isRegularFile(gitignore)) {
            // Plain directory entries such as "target/" or "/data/"; patterns with wildcards are
            // left to the binary and size checks.
            for (String line : Files.readAllLines(gitignore)) {
                String entry = line.strip();
                if (entry.endsWith("/") && !entry.startsWith("#") && !entry.startsWith("!")
                        && !entry.matches(".*[*?\\[\\\\].*")) {
                    String name = entry.replaceAll("^/+|/+$", "");
                    if (!name.isEmpty() && !name.contains("/")) {
                        (entry.startsWith("/") ? ignoredAtRoot : ignoredAnywhere).add(Path.of(name));
                    }
                }
            }
        }
        Map<Path, String> files = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                Path name = dir.getFileName();
                boolean skip = ignoredAnywhere.contains(name)
                        || (dir.getParent().equals(root) && ignoredAtRoot.contains(name))
                        || Files.exists(dir.resolve(".git")); // a nested repository is not ours
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && attrs.size() <= MAX_TEXT_FILE
                        && !ignoredAnywhere.contains(file.getFileName())) {
                    String text = text(Files.readAllBytes(file));
                    if (text != null) {
                        files.put(root.relativize(file), text);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    /** The bytes as UTF-8 text, or null if they look binary. */
    private static String text(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
