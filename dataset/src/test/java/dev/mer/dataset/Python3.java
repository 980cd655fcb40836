package dev.mer.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Python interpreters the interoperability tests run: CPython for {@code pickle} and Debian's
 * PyTorch for {@code torch.load}. Tests that need one skip with a message saying what to install,
 * or fail when {@code MER_REQUIRE_TEST_DATA=1} ({@link TestEnvironment}).
 *
 * <p>The interpreter is {@code $MER_PYTHON} when set; otherwise the first that works of
 * {@code python3} on the PATH and {@code /usr/bin/python3} (Debian's, where python3-torch installs
 * torch, even when another python3 comes first on the PATH).
 */
public final class Python3 {
    /** What to install for the torch tests. */
    public static final String INSTALL_TORCH = "install Debian's python3-torch (apt-get install python3-torch)";
    /** What to install for the CPython tests. */
    public static final String INSTALL_PYTHON = "install python3 (apt-get install python3)";

    private static String plain;
    private static String torch;
    private static boolean searched;

    private Python3() {
    }

    /** An interpreter, or skips (fails under {@code MER_REQUIRE_TEST_DATA=1}) the calling test. */
    public static String require() {
        search();
        TestEnvironment.assume(plain != null, INSTALL_PYTHON);
        return plain;
    }

    /** An interpreter that imports torch, or skips (fails under {@code MER_REQUIRE_TEST_DATA=1}) the calling test. */
    public static String requireTorch() {
        search();
        TestEnvironment.assume(torch != null, INSTALL_TORCH);
        return torch;
    }

    private static synchronized void search() {
        if (searched) {
            return;
        }
        searched = true;
        Set<String> candidates = new LinkedHashSet<>();
        String env = System.getenv("MER_PYTHON");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        } else {
            candidates.add("python3");
            candidates.add("/usr/bin/python3");
        }
        for (String c : candidates) {
            if (plain == null && works(c, "import pickle")) {
                plain = c;
            }
            if (torch == null && works(c, "import torch")) {
                torch = c;
            }
        }
    }

    private static boolean works(String interpreter, String code) {
        try {
            return run(interpreter, code).exit == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** A finished interpreter run. */
    public record Result(int exit, String out, String err) {
    }

    /** Runs {@code interpreter -c code args…}, waiting at most five minutes. */
    public static Result run(String interpreter, String code, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(interpreter, "-c", code));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + interpreter + ": " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(interpreter + " did not finish within five minutes");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Runs {@code interpreter -c code args…} and returns its standard output; fails the test on a non-zero exit. */
    public static String check(String interpreter, String code, String... args) throws IOException {
        Result r = run(interpreter, code, args);
        if (r.exit != 0) {
            throw new AssertionError(interpreter + " exited with " + r.exit + ":\n" + r.err);
        }
        return r.out;
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e.getMessage() + ">";
        }
    }
}
