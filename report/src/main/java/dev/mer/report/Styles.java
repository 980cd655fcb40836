package dev.mer.report;

import dev.mer.train.learner.Models;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleInsets;

/**
 * One look for every figure: a colour per model that never changes between figures, fonts sized for
 * a 1000-pixel-wide PNG, and the display names of datasets and memory sizes.
 */
final class Styles {
    /** The font family of every text; DejaVu ships with the JDK's usual Linux images. */
    static final String FONT = "DejaVu Sans";
    static final Font TITLE = new Font(FONT, Font.BOLD, 22);
    static final Font AXIS_LABEL = new Font(FONT, Font.PLAIN, 17);
    static final Font TICK = new Font(FONT, Font.PLAIN, 15);
    static final Font LEGEND = new Font(FONT, Font.PLAIN, 16);
    static final Font CELL = new Font(FONT, Font.PLAIN, 13);
    static final Color GRID = new Color(0xD0D0D0);
    static final BasicStroke LINE = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    /** Colours for models the catalogue does not know (result files of another mer). */
    private static final List<Color> OTHERS = List.of(new Color(0x393b79), new Color(0x637939),
            new Color(0x8c6d31), new Color(0x843c39), new Color(0x7b4173));

    private static final Map<String, String> DATASET_NAMES = Map.of(
            "mnist_rotations", "MNIST Rotations",
            "mnist_permutations", "MNIST Permutations",
            "mnist_manypermutations", "MNIST Many Permutations");

    private Styles() {
    }

    /** The colour of {@code model} in every figure: the catalogue's. */
    static Color colour(String model) {
        return Models.find(model).map(m -> new Color(m.colour()))
                .orElseGet(() -> OTHERS.get(Math.floorMod(model.hashCode(), OTHERS.size())));
    }

    /** {@code colour} with the given opacity (0–255). */
    static Paint translucent(Color colour, int alpha) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), alpha);
    }

    /** The paper's name of a task-set, or its own name. */
    static String datasetName(String dataset) {
        return DATASET_NAMES.getOrDefault(dataset, dataset);
    }

    /** "MNIST Rotations, 500 memories", or just the dataset when memories do not apply. */
    static String panelName(String dataset, OptionalInt memories) {
        return datasetName(dataset) + (memories.isPresent() ? ", " + memories.getAsInt() + " memories" : "");
    }

    /** The model's position in the paper's order (unknown models last). */
    static int order(String model) {
        return Models.order(model);
    }

    /** A file-name fragment: letters, digits, '-', '_' and '.' only. */
    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_");
    }

    /** Applies the common theme: white background, light grid, the fonts above. */
    static void apply(JFreeChart chart) {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(TITLE);
        theme.setLargeFont(AXIS_LABEL);
        theme.setRegularFont(LEGEND);
        theme.setSmallFont(TICK);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setAxisLabelPaint(Color.BLACK);
        theme.setTickLabelPaint(Color.BLACK);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setShadowVisible(false);
        theme.apply(chart);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LEGEND);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
    }
}
