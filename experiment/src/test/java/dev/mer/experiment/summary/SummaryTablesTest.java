package dev.mer.experiment.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.experiment.results.ResultFixtures;
import dev.mer.experiment.results.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTablesTest {
    private static final PublishedFigures PAPER = PublishedFigures.parse("# a made-up table for the test\n"
            + "table\tmodel\tdataset\tmemories\tra\tra_std\tla\tla_std\tbti\tbti_std\n"
            + "Table X\teralg4\trotations\t500\t80.5\t1.25\t\t\t-3\t\n");

    @Test
    void summaryMdAndCsvHoldHandComputedMeansStdsAndThePapersFigures(@TempDir Path dir) throws Exception {
        // eralg4, two seeds: RA 0.7 and... by hand: seed 0 rows {0.8 0.1}{0.7 0.9}: RA 0.8, LA 0.85, BTI -0.05;
        // seed 1 rows {0.9 0.1}{0.6 0.6}: RA 0.6, LA 0.75, BTI -0.15. Means 0.7, 0.8, -0.1; sample stds
        // sqrt(0.02) = 0.141421, sqrt(0.005) = 0.070711, 0.070711. Wall time 20 s and 10 s.
        ResultFixtures.write(dir, "e0", "eralg4", "mnist_rotations", 0, new float[][] {{0.8f, 0.1f}, {0.7f, 0.9f}}, 20);
        ResultFixtures.write(dir, "e1", "eralg4", "mnist_rotations", 1, new float[][] {{0.9f, 0.1f}, {0.6f, 0.6f}}, 10);
        // online, one seed: RA (0.4 + 0.9) / 2, LA (0.8 + 0.9) / 2, BTI (0.4 - 0.8) / 2; no std of one value
        ResultFixtures.write(dir, "o0", "online", "mnist_rotations", 0, new float[][] {{0.8f, 0.1f}, {0.4f, 0.9f}}, 5);
        List<SummaryRow> rows = Summary.of(RunRecord.readAll(List.of(dir)));
        Path out = dir.resolve("out");
        SummaryTables.write(out, rows, PAPER);

        List<String> md = Files.readAllLines(out.resolve("summary.md"));
        assertTrue(md.get(2).contains("**Ours are fractions in [0, 1]**") && md.get(2).contains("**percentages**"));
        assertEquals("| model | dataset | memories | seeds | RA | LA | BTI | paper RA (%) | paper LA (%) | paper BTI (%)"
                + " | paper table | s per run | total s |", md.get(4));
        assertEquals("| online | mnist_rotations | - | 1 | 0.6500 | 0.8500 | -0.2000 |  |  |  |  | 5.0 | 5.0 |",
                md.get(6));
        assertEquals("| eralg4 | mnist_rotations | 500 | 2 | 0.7000 ± 0.1414 | 0.8000 ± 0.0707 | -0.1000 ± 0.0707"
                + " | 80.50 ± 1.25 |  | -3.00 | Table X | 15.0 | 30.0 |", md.get(7));
        assertEquals(8, md.size());

        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(List.of(SummaryTables.CSV_HEADER,
                "online,mnist_rotations,,1,0.650000,,0.850000,,-0.200000,,5.000000,5.000000,,,,,,,",
                "eralg4,mnist_rotations,500,2,0.700000,0.141421,0.800000,0.070711,-0.100000,0.070711,15.000000,"
                        + "30.000000,Table X,80.500000,1.250000,,,-3.000000,"), csv);
    }

    @Test
    void theProjectsPublishedFiguresParseAndInventNothing() {
        PublishedFigures paper = PublishedFigures.paper();
        for (PublishedFigures.Figure f : paper.figures()) {
            assertTrue(f.table().startsWith("Table "), f.toString());
        }
        assertTrue(PAPER.find("eralg4", "mnist_rotations", OptionalInt.of(500)).isPresent());
        assertTrue(PAPER.find("eralg4", "mnist_rotations", OptionalInt.of(200)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> PublishedFigures.parse(
                "table\tmodel\tdataset\tmemories\tra\tra_std\tla\tla_std\tbti\tbti_std\nTable 1\tonline\trotations\n"));
    }
}
