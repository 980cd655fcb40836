package dev.mer.experiment.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.experiment.results.ResultFixtures;
import dev.mer.experiment.results.RunRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {
    @Test
    void meanAndSampleStdMatchHandComputedValues() {
        Statistic s = Statistic.of(0.5, 0.7, 0.9);
        assertEquals(3, s.n());
        assertEquals(0.7, s.mean(), 1e-12);
        assertEquals(0.2, s.std(), 1e-12); // sqrt((0.04 + 0 + 0.04) / 2)
        assertEquals("0.700 ± 0.200", s.format(3));
        Statistic one = Statistic.of(0.25);
        assertTrue(Double.isNaN(one.std()));
        assertEquals("0.25", one.format(2));
    }

    @Test
    void groupsByModelDatasetAndMemoryInThePapersOrder(@TempDir Path dir) throws Exception {
        // two seeds of eralg4, RA 0.6 and 0.8 (last-row means), LA 0.75 and 0.85, BTI -0.15 and -0.05
        ResultFixtures.write(dir, "e1", "eralg4", "mnist_rotations", 1, new float[][] {{0.9f, 0.1f}, {0.6f, 0.6f}}, 10);
        ResultFixtures.write(dir, "e0", "eralg4", "mnist_rotations", 0, new float[][] {{0.8f, 0.1f}, {0.7f, 0.9f}}, 20);
        ResultFixtures.write(dir, "o0", "online", "mnist_rotations", 0, new float[][] {{0.8f, 0.1f}, {0.4f, 0.9f}}, 5);
        ResultFixtures.write(dir, "p0", "online", "mnist_permutations", 0, new float[][] {{0.5f}}, 5);
        List<SummaryRow> rows = Summary.of(RunRecord.readAll(List.of(dir)));
        assertEquals(List.of("online/mnist_permutations", "online/mnist_rotations", "eralg4/mnist_rotations"),
                rows.stream().map(r -> r.model() + "/" + r.dataset()).toList());
        SummaryRow er = rows.get(2);
        assertEquals(List.of(0L, 1L), er.seeds());
        assertEquals(500, er.memories().getAsInt());
        assertEquals(0.7, er.ra().mean(), 1e-6);
        assertEquals(Math.sqrt(0.02), er.ra().std(), 1e-6);
        assertEquals(0.8, er.la().mean(), 1e-6);   // (0.85 + 0.75) / 2
        assertEquals(-0.1, er.bti().mean(), 1e-6); // ((-0.05) + (-0.15)) / 2
        assertEquals(15.0, er.seconds().mean(), 1e-12);
        assertTrue(rows.get(1).memories().isEmpty());
    }
}
