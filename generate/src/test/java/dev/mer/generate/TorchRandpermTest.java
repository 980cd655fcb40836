package dev.mer.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mer.dataset.files.Digests;
import dev.mer.random.TorchGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The permutations of {@code mer generate} are torch's: {@code TorchGenerator.randperm} against
 * {@code torch-randperm.txt}, made by torch 1.13 with generate/scripts/make_randperm_fixtures.py
 * (consecutive calls of the sizes generate uses: 784 pixels, 60,000 images).
 */
class TorchRandpermTest {
    private record Call(long seed, int index, int n, String values) {
    }

    private static List<Call> fixture() throws IOException {
        List<Call> calls = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                TorchRandpermTest.class.getResourceAsStream("torch-randperm.txt"), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                calls.add(new Call(Long.parseLong(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        f[0].equals("randperm-sha256") ? "sha256:" + f[4] : f.length > 4 ? f[4] : ""));
            }
        }
        return calls;
    }

    @Test
    void randpermMatchesTorchForConsecutiveCallsAfterManualSeed() throws Exception {
        List<Call> calls = fixture();
        assertEquals(4 * 7, calls.size());
        TorchGenerator g = null;
        for (Call c : calls) {
            if (c.index() == 0) {
                g = new TorchGenerator(c.seed());
            }
            int[] p = g.randperm(c.n());
            if (c.values().startsWith("sha256:")) {
                ByteBuffer b = ByteBuffer.allocate(4 * p.length).order(ByteOrder.LITTLE_ENDIAN);
                b.asIntBuffer().put(p);
                String hex = Digests.sha256(b.array());
                assertEquals(c.values().substring(7), hex, "seed " + c.seed() + " randperm(" + c.n() + ")");
            } else {
                int[] expected = c.values().isEmpty() ? new int[0]
                        : Arrays.stream(c.values().split(",")).mapToInt(Integer::parseInt).toArray();
                assertArrayEquals(expected, p, "seed " + c.seed() + " call " + c.index());
            }
        }
    }
}
