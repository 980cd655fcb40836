package dev.mer.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against draws made by torch 1.13 and CPython 3.11 (random/scripts/make_random_fixture.py). */
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

    @Test
    void aRestoredStateContinuesTheStreamDrawForDraw() {
        // positions before, at and after a twist (624 words): every case a checkpoint can hit
        for (int skip : new int[] {0, 1, 623, 624, 625, 1500}) {
            PythonRandom python = new PythonRandom(7);
            TorchGenerator torch = new TorchGenerator(7);
            for (int i = 0; i < skip; i++) {
                python.getrandbits(32);
                torch.nextInt();
            }
            Mt19937.State p = python.state();
            Mt19937.State t = torch.state();
            int[] expectedPython = new int[700];
            int[] expectedTorch = new int[700];
            for (int i = 0; i < 700; i++) {
                expectedPython[i] = python.randbelow(1000);
                expectedTorch[i] = torch.nextInt();
            }
            PythonRandom python2 = new PythonRandom(99);
            TorchGenerator torch2 = new TorchGenerator(99);
            python2.restore(new Mt19937.State(p.words(), p.position()));
            torch2.restore(t);
            for (int i = 0; i < 700; i++) {
                assertEquals(expectedPython[i], python2.randbelow(1000), "python draw " + i + " after " + skip);
                assertEquals(expectedTorch[i], torch2.nextInt(), "torch draw " + i + " after " + skip);
            }
        }
    }

    @Test
    void aStateOfTheWrongSizeIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Mt19937.State(new int[623], 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Mt19937.State(new int[624], 625));
    }
}
