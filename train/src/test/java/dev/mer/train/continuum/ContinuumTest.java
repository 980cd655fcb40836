package dev.mer.train.continuum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mer.random.PythonRandom;
import dev.mer.random.TorchGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Against MER's main.py Continuum run with torch (train/scripts/make_continuum_fixture.py). */
class ContinuumTest {
    @Test
    void drawsTheReferencesExamplesInTheReferencesOrderAndLeavesTheGeneratorsWhereItDoes() throws IOException {
        String text;
        try (InputStream in = ContinuumTest.class.getResourceAsStream("orders.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int cases = 0;
        for (String line : text.split("\n")) {
            String[] parts = line.split(" \\| ");
            String[] cfg = parts[0].split(" ");
            int[] sizes = Arrays.stream(cfg[0].split(",")).mapToInt(Integer::parseInt).toArray();
            long seed = Long.parseLong(cfg[4]);
            TorchGenerator torch = new TorchGenerator(seed);
            PythonRandom python = new PythonRandom(seed);
            Continuum c = Continuum.draw(sizes, Integer.parseInt(cfg[1]), Integer.parseInt(cfg[2]),
                    cfg[3].equals("yes"), torch, python);
            String[] expected = parts[1].split(" ");
            assertEquals(expected.length, c.length(), line);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], c.task(i) + ":" + c.row(i), "example " + i + " of " + parts[0]);
            }
            String[] after = parts[2].split(" ");
            for (int k = 0; k < 3; k++) {
                assertEquals(Integer.parseInt(after[k]), python.randint(0, 1000), "python stream after " + parts[0]);
            }
            assertEquals(Integer.parseInt(after[3]), torch.randperm(5)[0], "torch stream after " + parts[0]);
            cases++;
        }
        assertEquals(4, cases);
    }

    @Test
    void batchesNeverCrossATaskBoundary() {
        Continuum c = Continuum.draw(new int[] {5, 3}, -1, 1, false, new TorchGenerator(0), new PythonRandom(0));
        // batch size 2 over tasks of 5 and 3 examples: 2+2+1 | 2+1
        assertEquals(5, c.batches(2));
        assertEquals(2, c.batchLength(0, 2));
        assertEquals(1, c.batchLength(4, 2));
        assertEquals(2, c.batchLength(5, 2));
        assertEquals(1, c.batchLength(7, 2));
        assertEquals(2, c.batches(10));
    }
}
