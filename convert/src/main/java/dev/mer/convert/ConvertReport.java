package dev.mer.convert;

import dev.mer.convert.torch.TorchFile;
import dev.mer.dataset.XEncoding;
import java.nio.file.Path;

/**
 * What a conversion did.
 *
 * @param output the task-set directory written
 * @param format the input's torch.save layout
 * @param encoding the encoding stored
 * @param encodingReason why that encoding, in words (the auto decision or "requested")
 * @param tasks the number of tasks
 * @param trainRows rows of the train split
 * @param testRows rows of the test split
 * @param nClasses the number of classes recorded (largest label + 1)
 * @param inputBytes the size of the input file
 * @param sha256 the input's SHA-256
 * @param seconds wall-clock time of the whole conversion
 */
public record ConvertReport(Path output, TorchFile.Format format, XEncoding encoding, String encodingReason,
                            int tasks, long trainRows, long testRows, int nClasses, long inputBytes,
                            String sha256, double seconds) {
}
