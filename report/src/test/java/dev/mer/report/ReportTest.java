package dev.mer.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.dataset.InvalidInputException;
import dev.mer.experiment.results.ResultFixtures;
import dev.mer.experiment.results.RunRecord;
import dev.mer.experiment.summary.Summary;
import dev.mer.experiment.summary.SummaryRow;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class ReportTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    static Path shared;
    static List<RunRecord> runs;
    static ReportFiles report;

    /** Two seeds each of online and eralg4 (500 memories) on three rotation tasks; one report for the class. */
    @BeforeAll
    static void writeReport() throws IOException {
        Path results = shared.resolve("results");
        ResultFixtures.write(results, "online0", "online", "mnist_rotations", 0,
                new float[][] {{0.9f, 0.2f, 0.1f}, {0.5f, 0.9f, 0.3f}, {0.3f, 0.6f, 0.9f}}, 12);
        ResultFixtures.write(results, "online1", "online", "mnist_rotations", 1,
                new float[][] {{0.8f, 0.2f, 0.1f}, {0.4f, 0.9f, 0.3f}, {0.2f, 0.5f, 0.8f}}, 14);
        ResultFixtures.write(results, "er0", "eralg4", "mnist_rotations", 0,
                new float[][] {{0.9f, 0.2f, 0.1f}, {0.8f, 0.9f, 0.3f}, {0.8f, 0.8f, 0.9f}}, 30);
        ResultFixtures.write(results, "er1", "eralg4", "mnist_rotations", 1,
                new float[][] {{0.9f, 0.3f, 0.1f}, {0.85f, 0.9f, 0.3f}, {0.7f, 0.8f, 0.9f}}, 34);
        runs = RunRecord.readAll(List.of(results));
        report = Report.write(runs, shared.resolve("report"));
    }

    @Test
    void drawsOneEvolutionAndOneBarFigurePerPanelAndOneMatrixPerModel() {
        assertEquals(List.of("evolution_mnist_rotations_m500", "bars_mnist_rotations_m500",
                        "matrix_online_mnist_rotations", "matrix_eralg4_mnist_rotations_m500"),
                report.figures().stream().map(f -> stem(f.png())).toList());
        assertEquals(shared.resolve("report").toAbsolutePath(), report.directory());
        assertEquals(report.directory().resolve("index.html"), report.index());
        assertEquals(4, report.sources().size());
    }

    @Test
    void everyPngIsAValidPngOfItsStatedSize() throws IOException {
        for (Figure f : report.figures()) {
            byte[] png = Files.readAllBytes(f.png());
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8), f.png().toString());
            DataInputStream ihdr = new DataInputStream(new ByteArrayInputStream(png, 8, 16));
            assertEquals(13, ihdr.readInt());
            assertEquals("IHDR", new String(png, 12, 4, StandardCharsets.US_ASCII));
            ihdr.skipBytes(4);
            assertEquals(f.width(), ihdr.readInt(), f.png().toString());
            assertEquals(f.height(), ihdr.readInt(), f.png().toString());
            BufferedImage image = ImageIO.read(f.png().toFile());
            assertEquals(f.width(), image.getWidth());
            assertEquals(f.height(), image.getHeight());
        }
        Figure evolution = report.figures().get(0);
        assertEquals(Report.EVOLUTION_WIDTH, evolution.width());
        assertEquals(Report.EVOLUTION_HEIGHT, evolution.height());
    }

    @Test
    void everySvgIsWellFormedXmlWithAnSvgRootOfTheFiguresSize() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        for (Figure f : report.figures()) {
            Element root = factory.newDocumentBuilder().parse(f.svg().toFile()).getDocumentElement();
            assertEquals("svg", root.getLocalName(), f.svg().toString());
            assertEquals(f.width(), Double.parseDouble(root.getAttribute("width").replace("px", "")), 1e-9);
            assertEquals(f.height(), Double.parseDouble(root.getAttribute("height").replace("px", "")), 1e-9);
        }
    }

    @Test
    void theIndexShowsEveryFigureTheSummaryTableAndTheResultFiles() throws IOException {
        String html = Files.readString(report.index());
        for (Figure f : report.figures()) {
            String png = f.png().getFileName().toString();
            String svg = f.svg().getFileName().toString();
            assertTrue(html.contains("<img src=\"" + png + "\""), png);
            assertTrue(html.contains("href=\"" + svg + "\""), svg);
            assertTrue(html.contains(IndexPage.escape(f.caption())), f.caption());
            assertTrue(Files.isRegularFile(report.directory().resolve(png)));
        }
        for (SummaryRow r : Summary.of(runs)) {
            for (String figure : List.of(r.ra().format(3), r.la().format(3), r.bti().format(3), r.seconds().format(1))) {
                assertTrue(html.contains("<td>" + figure + "</td>"), figure);
            }
        }
        assertTrue(html.contains("<td>0.550 ± 0.071</td>"), html); // online RA: mean of 0.6 and 0.5, std √0.005
        for (RunRecord r : runs) {
            assertTrue(html.contains("href=\"../results/" + r.file().getFileName() + "\""), r.file().toString());
        }
        assertFalse(html.contains("src=\"/"), "links are relative");
    }

    @Test
    void aSecondReportReplacesTheFirstCountsEachRunOnceAndLeavesNoTemporaryBehind(@TempDir Path dir) throws IOException {
        Path out = copyOfTheReport(dir);
        Files.writeString(out.resolve("stale.png"), "from an earlier report");
        List<RunRecord> eralg4 = runs.subList(0, 2);
        ReportFiles again = Report.write(Stream.concat(eralg4.stream(), eralg4.stream()).toList(), out);
        assertEquals(2, again.sources().size(), "a run named twice counts once");
        assertEquals(3, again.figures().size());
        assertFalse(Files.exists(out.resolve("stale.png")));
        assertFalse(Files.exists(out.resolve("matrix_online_mnist_rotations.png")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList());
        }
    }

    @Test
    void refusesToReplaceADirectoryThatIsNotAReport(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Report.write(runs, dir));
        assertTrue(e.getMessage().startsWith(dir.toAbsolutePath() + ": exists and is not a mer report"), e.getMessage());
        assertEquals("mine", Files.readString(notes));
    }

    @Test
    void aFailedReportLeavesThePreviousOneWholeAndNoTemporary(@TempDir Path dir) throws IOException {
        Path out = copyOfTheReport(dir);
        String before = Files.readString(out.resolve("index.html"));
        Path other = ResultFixtures.write(dir.resolve("more"), "online2", "online", "mnist_rotations", 2,
                new float[][] {{0.9f, 0.1f}, {0.5f, 0.9f}}, 10);
        List<RunRecord> mixed = Stream.concat(runs.stream(), Stream.of(RunRecord.read(other))).toList();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Report.write(mixed, out));
        assertTrue(e.getMessage().contains("has 2 tasks, but"), e.getMessage());
        assertEquals(before, Files.readString(out.resolve("index.html")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("more", "report"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void oneFigurePerMemorySizeWithTheMemorylessModelsInEach(@TempDir Path dir) throws IOException {
        Path results = dir.resolve("results");
        float[][] rows = {{0.9f, 0.1f}, {0.6f, 0.9f}};
        ResultFixtures.write(results, "online", "online", "mnist_rotations", 0, rows, 1);
        ResultFixtures.write(results, "er500", "eralg4", "mnist_rotations", 0, rows, 1);
        Path er200 = ResultFixtures.write(results, "er200", "eralg4", "mnist_rotations", 0, rows, 1);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(er200.toFile());
        ((ObjectNode) root.get("arguments")).put("memories", 200);
        json.writeValue(er200.toFile(), root);
        List<Panel> panels = Panel.of(Summary.of(RunRecord.readAll(List.of(results))));
        assertEquals(List.of("mnist_rotations_m500: online eralg4", "mnist_rotations_m200: online eralg4"),
                panels.stream().map(p -> p.stem() + ": " + String.join(" ",
                        p.rows().stream().map(SummaryRow::model).toList())).toList());
    }

    /** The class's report copied to {@code dir/report}: a previous report, without drawing one again. */
    private static Path copyOfTheReport(Path dir) throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));
        try (Stream<Path> s = Files.list(report.directory())) {
            for (Path f : s.toList()) {
                Files.copy(f, out.resolve(f.getFileName()));
            }
        }
        return out;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }
}
