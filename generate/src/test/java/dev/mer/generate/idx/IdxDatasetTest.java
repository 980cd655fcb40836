package dev.mer.generate.idx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {
    @TempDir
    Path tmp;

    @Test
    void loadsPlainAndGzippedDirectoriesAlike() throws IOException {
        IdxFiles.writeSet(tmp.resolve("plain"), 5, 3, 4, 6, 3, false);
        IdxFiles.writeSet(tmp.resolve("gz"), 5, 3, 4, 6, 3, true);
        IdxDataset plain = IdxDataset.load(tmp.resolve("plain"));
        IdxDataset gz = IdxDataset.load(tmp.resolve("gz"));
        assertEquals(4, plain.height());
        assertEquals(6, plain.width());
        assertEquals(5, plain.trainCount());
        assertEquals(3, plain.testCount());
        assertEquals(3, plain.classCount());
        assertEquals(java.util.Arrays.toString(plain.trainImages()), java.util.Arrays.toString(gz.trainImages()));
        assertEquals("train-images-idx3-ubyte.gz", gz.files().get(0).name());
        assertEquals("t10k-labels-idx1-ubyte", plain.files().get(3).name());
        assertEquals(Files.size(tmp.resolve("gz/train-images-idx3-ubyte.gz")), gz.files().get(0).size());
    }

    @Test
    void theEmbeddedSampleHoldsEightThousandTrainAndTwoThousandTestDigits() throws IOException {
        IdxDataset s = IdxDataset.sample();
        assertEquals(8000, s.trainCount());
        assertEquals(2000, s.testCount());
        assertEquals(28, s.height());
        assertEquals(28, s.width());
        assertEquals(10, s.classCount());
        List<String> names = s.files().stream().map(SourceFile::name).toList();
        assertEquals(List.of("sample/train-images-idx3-ubyte.gz", "sample/train-labels-idx1-ubyte.gz",
                "sample/t10k-images-idx3-ubyte.gz", "sample/t10k-labels-idx1-ubyte.gz"), names);
        assertEquals("25252bf8d17017058a7f334434fcc8af7b90bc1e51e1271cc098c7193cc4e114", s.files().get(0).sha256());
        int[] perDigit = new int[10];
        for (int y : s.trainLabels()) {
            perDigit[y]++;
        }
        for (int c : perDigit) {
            assertTrue(c > 600 && c < 1000, "digits are roughly balanced: " + c);
        }
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        IdxFiles.writeSet(tmp, 5, 3, 4, 4, 2, true);
        Files.delete(tmp.resolve("t10k-labels-idx1-ubyte.gz"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxDataset.load(tmp));
        assertTrue(e.getMessage().startsWith(tmp.resolve("t10k-labels-idx1-ubyte[.gz]") + ": missing"), e.getMessage());
    }

    @Test
    void aMissingDirectoryIsNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxDataset.load(tmp.resolve("nope")));
        assertEquals(tmp.resolve("nope"), e.file());
    }

    @Test
    void countsOfImagesAndLabelsMustAgree() throws IOException {
        IdxFiles.writeSet(tmp, 5, 3, 4, 4, 2, false);
        Files.write(tmp.resolve("train-labels-idx1-ubyte"), IdxFiles.idx(new int[] {4}, new byte[4]));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxDataset.load(tmp));
        assertEquals(tmp.resolve("train-labels-idx1-ubyte") + ": holds 4 labels but train-images-idx3-ubyte holds 5 images",
                e.getMessage());
    }

    @Test
    void labelsInPlaceOfImagesAreRejected() throws IOException {
        IdxFiles.writeSet(tmp, 5, 3, 4, 4, 2, false);
        Files.copy(tmp.resolve("t10k-labels-idx1-ubyte"), tmp.resolve("t10k-images-idx3-ubyte"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxDataset.load(tmp));
        assertTrue(e.getMessage().contains("expected images (3 dimensions"), e.getMessage());
    }

    @Test
    void trainAndTestImagesMustHaveOneSize() throws IOException {
        IdxFiles.writeSet(tmp, 5, 3, 4, 4, 2, false);
        Files.write(tmp.resolve("t10k-images-idx3-ubyte"), IdxFiles.idx(new int[] {3, 5, 5}, new byte[75]));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxDataset.load(tmp));
        assertTrue(e.getMessage().endsWith("images are 5x5 but the train images are 4x4"), e.getMessage());
    }
}
