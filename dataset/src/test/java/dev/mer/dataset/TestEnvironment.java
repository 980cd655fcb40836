package dev.mer.dataset;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need something installed on the machine (Debian's Fashion-MNIST, Node.js with Apache
 * Arrow JS) skip with a message saying what to install, so that the README's test command passes
 * on a fresh machine; CI sets {@code MER_REQUIRE_TEST_DATA=1}, which turns that skip into a failure.
 */
public final class TestEnvironment {
    private TestEnvironment() {
    }

    /** Whether missing test prerequisites must fail rather than skip. */
    public static boolean required() {
        return "1".equals(System.getenv("MER_REQUIRE_TEST_DATA"));
    }

    /** Skips (or, in CI, fails) the calling test unless {@code present}. */
    public static void assume(boolean present, String whatToInstall) {
        if (!present && required()) {
            fail("MER_REQUIRE_TEST_DATA=1 but the test prerequisite is missing: " + whatToInstall);
        }
        Assumptions.assumeTrue(present, () -> "skipped: " + whatToInstall);
    }
}
