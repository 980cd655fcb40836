package dev.mer.dataset.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against draws made by torch 1.13 and CPython 3.11 (dataset/scripts/make_random_fixture.py). */
class RandomStreamsTest {
    private static List<String[]> fixture() throws IOException {
        try (InputStream in = RandomStreamsTest.class.getResourceAsStream("streams.txt")) {
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                rows.add(line.split(" "));
            }
            return rows;
        }
    }

    private static long[] numbers(String[] row) {
        return Arrays.stream(row, 3, row.length).mapToLong(Long::parseLong).toArray();
    }

    @Test
    void torchRandpermMatchesTorchForEverySeed() throws IOException {
        TorchGenerator g = null;
        for (String[] row : fixture()) {
            if (!row[0].equals("torch")) {
                continue;
            }
            if (row[2].equals("randperm20")) {
                g = new TorchGenerator(Long.parseLong(row[1]));
            }
            int n = row[2].equals("randperm20") ? 20 : 784;
            assertArrayEquals(Arrays.stream(numbers(row)).mapToInt(v -> (int) v).toArray(), g.randperm(n),
                    "seed " + row[1] + " " + row[2]);
        }
    }

    @Test
    void pythonRandomMatchesCPythonForEverySeed() throws IOException {
        PythonRandom r = null;
        for (String[] row : fixture()) {
            if (!row[0].equals("python")) {
                continue;
            }
            String what = row[2];
            String seed = row[1];
            switch (what) {
                case "getrandbits32" -> {
                    r = new PythonRandom(Long.parseLong(seed));
                    for (long v : numbers(row)) {
                        assertEquals(v, r.getrandbits(32), "seed " + seed);
                    }
                }
                case "shuffle30" -> {
                    int[] x = new int[30];
                    Arrays.setAll(x, i -> i);
                    r.shuffle(x);
                    assertArrayEquals(Arrays.stream(numbers(row)).mapToInt(v -> (int) v).toArray(), x, "seed " + seed);
                }
                case "randint0_1000" -> {
                    for (long v : numbers(row)) {
                        assertEquals(v, r.randint(0, 1000), "seed " + seed);
                    }
                }
                case "random" -> {
                    for (int i = 3; i < row.length; i++) {
                        assertEquals(Double.parseDouble(row[i]), r.random(), "seed " + seed);
                    }
                }
                default -> throw new AssertionError(what);
            }
        }
    }
}
