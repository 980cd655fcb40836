package dev.mer.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mer.dataset.progress.Progress;
import dev.mer.generate.idx.IdxDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drawn rotation angles are GEM's, had its script called {@code random.seed(seed)}: against
 * {@code gem-angles.txt}, made by CPython 3.11 with generate/scripts/make_gem_angles_fixture.py.
 */
class GemAnglesTest {
    @Test
    void drawnAnglesAreGemsAfterRandomSeed() throws IOException {
        IdxDataset tiny = new IdxDataset("test", 2, 2, new byte[4], new int[1], new byte[4], new int[1], List.of());
        int cases = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                GemAnglesTest.class.getResourceAsStream("gem-angles.txt"), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                GenerateOptions o = new GenerateOptions(Benchmark.ROTATIONS, Integer.parseInt(f[0]),
                        Double.parseDouble(f[1]), Double.parseDouble(f[2]), List.of(), null, Long.parseLong(f[3]),
                        false, GenerateOptions.ALL_ROWS, GenerateOptions.ALL_ROWS);
                double[] expected = Arrays.stream(f[4].split(",")).mapToDouble(Double::parseDouble).toArray();
                List<TaskPlan> plans = new Generator(o, 1, Progress.NONE).plan(tiny);
                for (int t = 0; t < expected.length; t++) {
                    assertEquals(expected[t], plans.get(t).parameter().get("angle").doubleValue(), 0.0, line);
                }
                cases++;
            }
        }
        assertEquals(4, cases);
    }
}
