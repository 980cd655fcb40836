package dev.mer.convert.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.Python3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ZIP64 side of {@link TorchSave}: a 4.4 GB float32 tensor (a record of 4 GiB or more) followed
 * by records and a central directory that start past 4 GiB. It needs about 9 GB of disk and a
 * 4.4 GB array, so it only runs on request:
 *
 * <pre>
 * mvn -B -o -pl convert -am test -Dtest=TorchSaveLargeTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dmer.test.large=true -Dmer.jvm.flags="--add-opens=java.base/java.nio=ALL-UNNAMED --add-modules=jdk.incubator.vector -Xmx7g"
 * </pre>
 *
 * <p>With Debian's torch installed it also has torch write the same value and compares the two
 * files byte for byte.
 */
@EnabledIfSystemProperty(named = "mer.test.large", matches = "true")
class TorchSaveLargeTest {
    private static final int N = 1_100_000_000;

    @TempDir
    Path dir;

    @Test
    void writesZip64RecordsAsTorchDoesPastFourGibibytes() throws IOException {
        Path file = dir.resolve("big.pt");
        float[] x = new float[N];
        x[0] = 1.5f;
        x[N - 1] = 2.5f;
        TorchSave.save(List.of(TensorData.wrapFloats(x, N), TensorData.vector(3f, 4f)), file);
        x = null;

        try (FileChannel ch = FileChannel.open(file)) {
            Map<String, ZipDirectory.Entry> entries = ZipDirectory.read(ch, file);
            assertEquals(List.of("big/data.pkl", "big/data/0", "big/data/1", "big/version"), List.copyOf(entries.keySet()));
            assertEquals(4L * N, entries.get("big/data/0").size());
            assertTrue(entries.get("big/data/1").dataOffset() > 0xFFFFFFFFL);
            for (ZipDirectory.Entry e : entries.values()) {
                assertEquals(0, e.dataOffset() % 64, e.name());
            }
            ByteBuffer last = ZipDirectory.readAt(ch, entries.get("big/data/0").dataOffset() + 4L * (N - 1), 4, file);
            assertEquals(2.5f, last.order(ByteOrder.LITTLE_ENDIAN).getFloat(0));
        }
        TorchFile f = TorchFile.read(file);
        assertEquals(2, f.storages().size());
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(4L * N, zip.getEntry("big/data/0").getSize());
            try (InputStream in = zip.getInputStream(zip.getEntry("big/version"))) {
                assertEquals("3\n", new String(in.readAllBytes()));
            }
        }

        String python = Python3.requireTorch();
        Path torchFile = Files.createDirectories(dir.resolve("torch")).resolve("big.pt");
        Python3.check(python, """
                import sys, torch
                x = torch.zeros(%d)
                x[0] = 1.5
                x[-1] = 2.5
                torch.save([x, torch.tensor([3.0, 4.0])], sys.argv[1])
                """.formatted(N), torchFile.toString());
        assertEquals(-1L, Files.mismatch(file, torchFile), "TorchSave and torch.save wrote the same bytes");
    }
}
