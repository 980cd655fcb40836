package dev.mer.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.TaskInfo;
import dev.mer.generate.idx.IdxDataset;
import dev.mer.generate.transform.PixelMap;
import dev.mer.generate.transform.Rotation;
import dev.mer.random.PythonRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * MNIST Rotations (GEM's {@code data/mnist_rotations.py}): task {@code t} of {@code N} rotates every
 * image by one angle, given, or drawn uniform in {@code [min + t(max-min)/N, min + (t+1)(max-min)/N)}
 * exactly as GEM computes it with {@code random.random()}, but after {@code random.seed(seed)}
 * ({@link PythonRandom}): GEM never seeds Python's {@code random}, so its angles could not be made
 * again; these are the angles GEM's script gives once that one line is added, and they are
 * recorded. Each image is rotated as Pillow does ({@link Rotation}).
 */
final class RotationFamily implements BenchmarkFamily {
    @Override
    public List<TaskTransform> transforms(GenerateOptions options, IdxDataset source) throws InvalidInputException {
        PythonRandom draws = new PythonRandom(options.seed());
        List<TaskTransform> transforms = new ArrayList<>(options.tasks());
        for (int t = 0; t < options.tasks(); t++) {
            double angle = options.angles().isEmpty() ? drawAngle(options, draws, t) : options.angles().get(t);
            PixelMap map;
            try {
                map = new Rotation(angle, source.width(), source.height()).pixelMap();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(null, "task " + t + ": " + e.getMessage());
            }
            transforms.add(new TaskTransform(TaskInfo.rotation(t, angle, 0).parameter(), map));
        }
        return transforms;
    }

    private static double drawAngle(GenerateOptions options, PythonRandom g, int t) {
        int n = options.tasks();
        double span = options.maxRotation() - options.minRotation();
        // GEM's arithmetic, operation for operation, so that its ranges come out to the same doubles.
        double lo = 1.0 * t / n * span + options.minRotation();
        double hi = 1.0 * (t + 1) / n * span + options.minRotation();
        return g.random() * (hi - lo) + lo;
    }

    @Override
    public void describe(GenerateOptions options, ObjectNode s) {
        if (options.angles().isEmpty()) {
            s.put("angles", "drawn");
            s.put("min_rot", options.minRotation());
            s.put("max_rot", options.maxRotation());
            s.put("angle_draw", "GEM's: random.random()*(hi-lo)+lo, lo = 1.0*t/N*(max-min)+min,"
                    + " hi = 1.0*(t+1)/N*(max-min)+min, after Python's random.seed(seed)");
        } else {
            s.put("angles", options.anglesOrigin());
        }
        s.put("rotation", "PIL Image.rotate(angle): nearest, expand=False, fill 0 (Pillow >= 3.4, bit-exact)");
    }
}
