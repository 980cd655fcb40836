package dev.mer.cli;

import dev.mer.dataset.InvalidInputException;

/**
 * Training's kernels use the Vector API, an incubator module in Java 17 that the JVM loads only
 * when asked: the commands that train check it first, so that a JVM started without it gets one
 * line saying what to add rather than a NoClassDefFoundError mid-run.
 */
final class VectorModule {
    private VectorModule() {
    }

    /** Throws a user error naming {@code command} unless the JVM has {@code jdk.incubator.vector}. */
    static void require(String command) throws InvalidInputException {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new InvalidInputException(null, "mer " + command + " needs the JVM option"
                    + " --add-modules=jdk.incubator.vector (training's kernels use the Vector API); the ./mer launcher"
                    + " adds it");
        }
    }
}
