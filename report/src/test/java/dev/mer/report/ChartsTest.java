package dev.mer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.experiment.results.ResultFixtures;
import dev.mer.experiment.results.RunRecord;
import dev.mer.experiment.summary.MeanMatrix;
import dev.mer.experiment.summary.Summary;
import dev.mer.experiment.summary.SummaryRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    @TempDir
    Path dir;

    @Test
    void theHeatmapOfShuffledRunsInOneOrderDrawsGemsRowsBeforeTrainingIncluded() throws IOException {
        RunRecord a = ResultFixtures.shuffled(dir, "a", 0, true, new float[] {0.2f, 0.9f}, new float[] {0.8f, 0.6f});
        RunRecord b = ResultFixtures.shuffled(dir, "b", 1, true, new float[] {0.4f, 0.7f}, new float[] {0.6f, 0.4f});
        SummaryRow row = Summary.of(List.of(a, b)).get(0);
        assertEquals(3, Charts.heatmap(row, MeanMatrix.of(row), "title").getXYPlot().getDataset().getItemCount(0) / 2);
    }

    @Test
    void shuffledRunsInDifferentOrdersStillGetTheirMatrixFigure() throws IOException {
        RunRecord a = ResultFixtures.shuffled(dir, "a", 0, true, new float[] {0.2f, 0.9f}, new float[] {0.8f, 0.6f});
        RunRecord b = ResultFixtures.shuffled(dir, "b", 1, false, new float[] {0.9f, 0.1f}, new float[] {0.6f, 0.8f});
        ReportFiles report = Report.write(List.of(a, b), dir.resolve("report"));
        assertTrue(report.figures().stream()
                .anyMatch(f -> f.kind() == Figure.Kind.MATRIX && f.png().toFile().length() > 0));
    }

    @Test
    void eachChartCarriesTheTitleItIsGiven() throws IOException {
        RunRecord a = ResultFixtures.shuffled(dir, "a", 0, true, new float[] {0.2f, 0.9f}, new float[] {0.8f, 0.6f});
        SummaryRow row = Summary.of(List.of(a)).get(0);
        Panel panel = Panel.of(List.of(row)).get(0);
        assertEquals("E", Charts.evolution(panel, "E").getTitle().getText());
        assertEquals("B", Charts.bars(panel, "B").getTitle().getText());
        assertEquals("M", Charts.heatmap(row, MeanMatrix.of(row), "M").getTitle().getText());
    }
}
