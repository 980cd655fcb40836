package dev.mer.bench.resnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/** What the loaded libnd4j is: which build, whether its oneDNN helpers are on, threads, BLAS. */
public final class Nd4jInfo {
    /** JavaCPP's system property that picks a build of a native library, e.g. "-onednn". */
    public static final String EXTENSION = "org.bytedeco.javacpp.platform.extension";

    private Nd4jInfo() {
    }

    /**
     * Loads the build named by {@code variant} ("nd4j" or "nd4j-onednn"); call before ND4J loads.
     * The property must be set for the plain build too: unset, JavaCPP tries the extensions its
     * presets list ("-onednn" first) and loads the oneDNN build whenever that jar is on the class
     * path, as it is in this module.
     */
    public static void select(String variant) {
        switch (variant) {
            case "nd4j" -> System.setProperty(EXTENSION, "");
            case "nd4j-onednn" -> System.setProperty(EXTENSION, "-onednn");
            default -> throw new IllegalArgumentException(variant);
        }
    }

    /** Threads for libnd4j's own loops (OpenMP) and for its OpenBLAS. */
    public static void threads(int n) {
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    public static String describe() {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        Nd4jCpu.Environment env = Nd4jCpu.Environment.getInstance();
        return "ND4J 1.0.0-M2.1, libnd4j " + loadedLibrary()
                + "; oneDNN helpers in use: " + env.isUseONEDNN() + " (helpers allowed: " + env.helpersAllowed() + ")"
                + "; binary level " + ops.binaryLevel() + ", optimal level " + ops.optimalLevel()
                + "; BLAS " + Nd4j.factory().blas().getBlasVendor() + " " + env.blasMajorVersion() + "."
                + env.blasMinorVersion() + "." + env.blasPatchVersion() + " (" + Nd4j.factory().blas().getMaxThreads()
                + " threads); libnd4j threads " + Nd4j.getEnvironment().maxThreads()
                + "; build: " + ops.buildInfo().replaceAll("\\s+", " ").trim();
    }

    /** The path of the libnd4jcpu.so this process mapped (its folder names the build). */
    static String loadedLibrary() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(l -> l.contains("libnd4jcpu"))
                    .map(l -> l.substring(l.indexOf('/')))
                    .distinct()
                    .map(p -> Path.of(p).getParent().getFileName().toString())
                    .collect(Collectors.joining(", "));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
