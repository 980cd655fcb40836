package dev.mer.generate.idx;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.SourceFile;
import dev.mer.dataset.files.Digests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A train/test image set in MNIST's four IDX files ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
 * each optionally {@code .gz}), held in memory, with the identity of the files it came from.
 * Works for any image size and any number of classes (Fashion-MNIST, KMNIST, ...).
 *
 * <p>The arrays are shared, not copied: treat them as read-only.
 *
 * @param origin where it came from, for messages: a directory or {@code sample}
 * @param height image rows
 * @param width image columns
 * @param trainImages train images, row-major, {@code height*width} bytes each
 * @param trainLabels one label per train image
 * @param testImages test images, as {@code trainImages}
 * @param testLabels one label per test image
 * @param files the four source files by name, size and sha256, in the order listed above
 */
public record IdxDataset(String origin, int height, int width, byte[] trainImages, int[] trainLabels,
                         byte[] testImages, int[] testLabels, List<SourceFile> files) {

    /** The resource folder of the embedded sample. */
    public static final String SAMPLE_RESOURCES = "/dev/mer/generate/sample/";

    private static final String[] NAMES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    public IdxDataset {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Invalid image size: " + height + "x" + width);
        }
        int pixels = height * width;
        if (trainImages.length != (long) trainLabels.length * pixels
                || testImages.length != (long) testLabels.length * pixels) {
            throw new IllegalArgumentException("Image and label counts disagree");
        }
        files = List.copyOf(files);
    }

    /** Pixels per image. */
    public int pixels() {
        return height * width;
    }

    /** The number of train images. */
    public int trainCount() {
        return trainLabels.length;
    }

    /** The number of test images. */
    public int testCount() {
        return testLabels.length;
    }

    /** One more than the largest label of either split. */
    public int classCount() {
        int max = 0;
        for (int y : trainLabels) {
            max = Math.max(max, y);
        }
        for (int y : testLabels) {
            max = Math.max(max, y);
        }
        return max + 1;
    }

    /**
     * Reads the four IDX files of {@code directory}, each either plain or {@code .gz}.
     *
     * @throws InvalidInputException naming the missing or defective file
     */
    public static IdxDataset load(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(directory, Files.exists(directory) ? "not a directory"
                    : "no such directory (expected MNIST-format IDX files there; 'mer fetch mnist' makes "
                    + "data/raw/mnist, '--source sample' uses the embedded sample)");
        }
        Loaded[] parts = new Loaded[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            Path plain = directory.resolve(NAMES[i]);
            Path gz = directory.resolve(NAMES[i] + ".gz");
            Path file = Files.exists(gz) ? gz : plain;
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new InvalidInputException(directory.resolve(NAMES[i] + "[.gz]"),
                        "missing (an MNIST-format directory holds train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                        + "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each optionally .gz)");
            }
            parts[i] = new Loaded(file, file.getFileName().toString(), bytes);
        }
        return assemble(directory.toString(), parts);
    }

    /** Reads the embedded sample: 8,000 train and 2,000 test genuine MNIST digits (see its README). */
    public static IdxDataset sample() throws IOException {
        Loaded[] parts = new Loaded[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            String name = NAMES[i] + ".gz";
            try (InputStream in = IdxDataset.class.getResourceAsStream(SAMPLE_RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("embedded sample file " + name + " is missing from the jar");
                }
                parts[i] = new Loaded(Path.of("sample", name), "sample/" + name, in.readAllBytes());
            }
        }
        return assemble("sample", parts);
    }

    private record Loaded(Path path, String name, byte[] bytes) {
        IdxArray parse() throws IOException {
            return IdxReader.read(new ByteArrayInputStream(bytes), path);
        }

        SourceFile identity() {
            return new SourceFile(name, bytes.length, Digests.sha256(bytes));
        }
    }

    private static IdxDataset assemble(String origin, Loaded[] parts) throws IOException {
        IdxArray trainX = images(parts[0]);
        int[] trainY = labels(parts[1], parts[0], trainX.count());
        IdxArray testX = images(parts[2]);
        int[] testY = labels(parts[3], parts[2], testX.count());
        int[] td = trainX.dimensions();
        int[] sd = testX.dimensions();
        if (td[1] != sd[1] || td[2] != sd[2]) {
            throw new InvalidInputException(parts[2].path(), String.format(Locale.ROOT,
                    "images are %dx%d but the train images are %dx%d", sd[1], sd[2], td[1], td[2]));
        }
        if (td[1] == 0 || td[2] == 0) {
            throw new InvalidInputException(parts[0].path(), "images have no pixels (" + td[1] + "x" + td[2] + ")");
        }
        List<SourceFile> files = List.of(parts[0].identity(), parts[1].identity(), parts[2].identity(),
                parts[3].identity());
        return new IdxDataset(origin, td[1], td[2], trainX.data(), trainY, testX.data(), testY, files);
    }

    private static IdxArray images(Loaded part) throws IOException {
        IdxArray a = part.parse();
        if (a.dimensions().length != 3) {
            throw new InvalidInputException(part.path(), "expected images (3 dimensions: count, rows, columns), found "
                    + a.dimensions().length + " dimension(s)");
        }
        return a;
    }

    private static int[] labels(Loaded part, Loaded imagesPart, int imageCount) throws IOException {
        IdxArray a = part.parse();
        if (a.dimensions().length != 1) {
            throw new InvalidInputException(part.path(), "expected labels (1 dimension), found "
                    + a.dimensions().length + " dimensions");
        }
        if (a.count() != imageCount) {
            throw new InvalidInputException(part.path(), "holds " + a.count() + " labels but "
                    + imagesPart.path().getFileName() + " holds " + imageCount + " images");
        }
        byte[] data = a.data();
        int[] y = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            y[i] = data[i] & 0xff;
        }
        return y;
    }
}
