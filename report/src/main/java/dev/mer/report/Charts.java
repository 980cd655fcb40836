package dev.mer.report;

import dev.mer.experiment.summary.Curve;
import dev.mer.experiment.summary.MeanMatrix;
import dev.mer.experiment.summary.Statistic;
import dev.mer.experiment.summary.SummaryRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Line2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The three figures of a report as JFreeChart charts: GEM's evolution plot, GEM's bar plot with
 * error bars, and the accuracy matrix as a heatmap. They only draw: the curves, the mean matrix
 * and the task boundaries are computed in {@code experiment.summary} ({@link Curve},
 * {@link MeanMatrix}), the titles given by {@link Report}.
 */
final class Charts {
    /** Heatmaps of at most this many tasks print each cell's value. */
    static final int MAX_ANNOTATED_TASKS = 20;
    /** Beyond this many task boundaries (Many Permutations' 99) the dotted lines would grey the plot. */
    static final int MAX_MARKED_BOUNDARIES = 40;

    private Charts() {
    }

    /**
     * Accuracy over the stream of the first task (top) and the mean over tasks (bottom), one line
     * per model, mean over seeds with a ±1 std band.
     */
    static JFreeChart evolution(Panel panel, String title) {
        YIntervalSeriesCollection first = new YIntervalSeriesCollection();
        YIntervalSeriesCollection mean = new YIntervalSeriesCollection();
        for (SummaryRow row : panel.rows()) {
            first.addSeries(series(label(row, panel), Curve.firstTask(row.runs())));
            mean.addSeries(series(label(row, panel), Curve.meanOverTasks(row.runs())));
        }
        NumberAxis x = new NumberAxis("training examples seen");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        x.setAutoRangeIncludesZero(true);
        x.setLowerMargin(0);
        x.setUpperMargin(0.01);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(18);
        XYPlot top = lines(first, "first task: accuracy (fraction)");
        XYPlot bottom = lines(mean, "mean over tasks: accuracy (fraction)");
        List<Double> boundaries = Curve.taskBoundaries(panel.rows().get(0).runs().get(0));
        if (boundaries.size() <= MAX_MARKED_BOUNDARIES) {
            for (double boundary : boundaries) {
                top.addDomainMarker(boundaryMarker(boundary));
                bottom.addDomainMarker(boundaryMarker(boundary));
            }
        }
        plot.add(top, 1);
        plot.add(bottom, 1);
        plot.setOrientation(PlotOrientation.VERTICAL);
        JFreeChart chart = new JFreeChart(title, Styles.TITLE, plot, true);
        Styles.apply(chart);
        chart.addSubtitle(subtitle(seedsNote(panel.rows()) + "; band: ±1 std over seeds; "
                + (boundaries.size() <= MAX_MARKED_BOUNDARIES ? "dotted lines: task boundaries; " : "")
                + "mean over tasks includes tasks not yet seen"));
        styleXYAxes(top, bottom, x);
        colourLines(top, panel.rows(), true);
        colourLines(bottom, panel.rows(), false);
        legendBelow(chart);
        return chart;
    }

    /** RA, LA and BTI per model: bars of the mean over seeds, error bars of ±1 std. */
    static JFreeChart bars(Panel panel, String title) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (SummaryRow row : panel.rows()) {
            add(data, row.ra(), label(row, panel), "RA (retained accuracy)");
            add(data, row.la(), label(row, panel), "LA (learning accuracy)");
            add(data, row.bti(), label(row, panel), "BTI (backward transfer)");
        }
        CategoryAxis categories = new CategoryAxis(null);
        categories.setCategoryMargin(0.25);
        categories.setMaximumCategoryLabelWidthRatio(1.2f);
        categories.setMaximumCategoryLabelLines(2);
        NumberAxis values = new NumberAxis("accuracy (fraction); BTI: change in accuracy");
        values.setAutoRangeIncludesZero(true);
        values.setTickUnit(new NumberTickUnit(0.1));
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
        JFreeChart chart = new JFreeChart(title, Styles.TITLE, plot, true);
        Styles.apply(chart);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.06);
        renderer.setMaximumBarWidth(0.08);
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setErrorIndicatorStroke(new BasicStroke(1.5f));
        for (int i = 0; i < panel.rows().size(); i++) {
            renderer.setSeriesPaint(i, Styles.colour(panel.rows().get(i).model()));
        }
        plot.setRangeZeroBaselineVisible(true);
        plot.setRangeZeroBaselinePaint(Color.BLACK);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(Styles.GRID);
        plot.setOutlineVisible(false);
        categories.setTickLabelFont(Styles.AXIS_LABEL);
        values.setLabelFont(Styles.AXIS_LABEL);
        values.setTickLabelFont(Styles.TICK);
        chart.addSubtitle(subtitle(seedsNote(panel.rows()) + "; error bars: ±1 std over seeds"));
        legendBelow(chart);
        return chart;
    }

    /**
     * The accuracy matrix averaged over seeds: row t is the evaluation after training task t,
     * column j the test set of task j; the colour scale runs over the whole range of accuracy. With
     * tasks presented in another order ({@code --shuffle_tasks yes}), the rows are GEM's, in the order
     * presented, each labelled with its task (and "start" for the evaluation before training).
     */
    static JFreeChart heatmap(SummaryRow row, MeanMatrix mean, String title) {
        double[][] matrix = mean.cells();
        int rows = mean.rows();
        int tasks = mean.tasks();
        double[][] xyz = new double[3][rows * tasks];
        for (int t = 0; t < rows; t++) {
            for (int j = 0; j < tasks; j++) {
                xyz[0][t * tasks + j] = j;
                xyz[1][t * tasks + j] = t;
                xyz[2][t * tasks + j] = matrix[t][j];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("accuracy", xyz);
        NumberAxis column = taskAxis("task j (its test set)", tasks);
        NumberAxis afterTask = mean.inTaskOrder() ? taskAxis("after training task t", tasks)
                : rowAxis("after training task (in the order presented)", mean.rowTasks());
        afterTask.setInverted(true);
        XYBlockRenderer renderer = new XYBlockRenderer();
        Viridis scale = new Viridis(0, 1);
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, column, afterTask, renderer);
        plot.setDomainAxisLocation(AxisLocation.TOP_OR_LEFT);
        JFreeChart chart = new JFreeChart(title, Styles.TITLE, plot, false);
        Styles.apply(chart);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (NumberAxis a : List.of(column, afterTask)) {
            a.setLabelFont(Styles.AXIS_LABEL);
            a.setTickLabelFont(Styles.TICK);
        }
        if (Math.max(rows, tasks) <= MAX_ANNOTATED_TASKS) {
            int size = Math.max(rows, tasks);
            Font font = size <= 10 ? Styles.LEGEND : size <= 14 ? Styles.TICK : Styles.CELL;
            for (int t = 0; t < rows; t++) {
                for (int j = 0; j < tasks; j++) {
                    XYTextAnnotation a = new XYTextAnnotation(cell(matrix[t][j]), j, t);
                    a.setFont(font);
                    a.setTextAnchor(TextAnchor.CENTER);
                    a.setPaint(scale.textOn(matrix[t][j]));
                    renderer.addAnnotation(a);
                }
            }
        }
        NumberAxis scaleAxis = new NumberAxis("accuracy (fraction)");
        scaleAxis.setRange(0, 1);
        scaleAxis.setTickUnit(new NumberTickUnit(0.2));
        scaleAxis.setLabelFont(Styles.AXIS_LABEL);
        scaleAxis.setTickLabelFont(Styles.TICK);
        PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(22);
        legend.setSubdivisionCount(256);
        legend.setMargin(new RectangleInsets(10, 16, 10, 4));
        legend.setFrame(BlockBorder.NONE);
        chart.addSubtitle(subtitle(seedsNote(List.of(row)) + (mean.byTask()
                ? "; tasks came in different orders: row t is each run's evaluation after task t"
                : mean.inTaskOrder() ? "; RA = mean of the last row, LA = mean of the diagonal"
                : "; GEM's rows in the order presented: RA = mean of row T-1, LA = mean of the diagonal")));
        chart.addSubtitle(legend);
        return chart;
    }

    /** The model, and its number of seeds when the models of the figure do not share one. */
    static String label(SummaryRow row, Panel panel) {
        boolean same = panel.rows().stream().allMatch(r -> r.runs().size() == row.runs().size());
        int n = row.runs().size();
        return same ? row.model() : row.model() + " (" + n + (n == 1 ? " seed)" : " seeds)");
    }

    private static String cell(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.startsWith("0.") ? s.substring(1) : s;
    }

    /** Rows labelled by the task each comes after, "start" for the evaluation before training. */
    private static NumberAxis rowAxis(String label, int[] rowTasks) {
        String[] names = new String[rowTasks.length];
        for (int r = 0; r < names.length; r++) {
            names[r] = rowTasks[r] == MeanMatrix.BEFORE_TRAINING ? "start" : Integer.toString(rowTasks[r]);
        }
        SymbolAxis a = new SymbolAxis(label, names);
        a.setRange(-0.5, rowTasks.length - 0.5);
        a.setGridBandsVisible(false);
        a.setTickMarksVisible(false);
        a.setAxisLineVisible(false);
        return a;
    }

    private static NumberAxis taskAxis(String label, int tasks) {
        NumberAxis a = new NumberAxis(label);
        a.setRange(-0.5, tasks - 0.5);
        a.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        if (tasks <= 20) {
            a.setTickUnit(new NumberTickUnit(1));
        }
        a.setTickMarksVisible(false);
        a.setAxisLineVisible(false);
        return a;
    }

    private static void add(DefaultStatisticalCategoryDataset data, Statistic s, String model, String metric) {
        data.add((Number) s.mean(), Double.isNaN(s.std()) ? null : (Number) s.std(), model, metric);
    }

    private static YIntervalSeries series(String model, Curve c) {
        YIntervalSeries s = new YIntervalSeries(model, false, true);
        for (int i = 0; i < c.examples().length; i++) {
            s.add(c.examples()[i], c.mean()[i], c.mean()[i] - c.std()[i], c.mean()[i] + c.std()[i]);
        }
        return s;
    }

    private static XYPlot lines(YIntervalSeriesCollection data, String label) {
        NumberAxis y = new NumberAxis(label);
        y.setRange(0, 1);
        y.setTickUnit(new NumberTickUnit(0.2));
        return new XYPlot(data, null, y, new DeviationRenderer(true, false));
    }

    /** Colours after the theme, which resets them: one colour per model, its band translucent. */
    private static void colourLines(XYPlot plot, List<SummaryRow> rows, boolean legend) {
        DeviationRenderer r = (DeviationRenderer) plot.getRenderer();
        r.setAlpha(rows.size() <= 4 ? 0.18f : 0.08f); // many overlapping bands would hide each other
        r.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < rows.size(); i++) {
            Color c = Styles.colour(rows.get(i).model());
            r.setSeriesPaint(i, c);
            r.setSeriesFillPaint(i, c);
            r.setSeriesStroke(i, Styles.LINE);
            r.setSeriesVisibleInLegend(i, legend);
        }
        r.setLegendLine(new Line2D.Double(-14, 0, 14, 0));
    }

    private static void styleXYAxes(XYPlot top, XYPlot bottom, NumberAxis x) {
        for (XYPlot p : List.of(top, bottom)) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(Styles.GRID);
            p.setRangeGridlinePaint(Styles.GRID);
            p.setOutlinePaint(Color.GRAY);
            p.getRangeAxis().setLabelFont(Styles.AXIS_LABEL);
            p.getRangeAxis().setTickLabelFont(Styles.TICK);
        }
        x.setLabelFont(Styles.AXIS_LABEL);
        x.setTickLabelFont(Styles.TICK);
    }

    private static ValueMarker boundaryMarker(double x) {
        ValueMarker m = new ValueMarker(x, new Color(0x909090), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {2f, 4f}, 0f));
        return m;
    }

    private static String seedsNote(List<SummaryRow> rows) {
        int min = rows.stream().mapToInt(r -> r.runs().size()).min().orElse(0);
        int max = rows.stream().mapToInt(r -> r.runs().size()).max().orElse(0);
        String n = min == max ? Integer.toString(min) : min + "–" + max;
        return "mean over " + n + (max == 1 ? " seed" : " seeds");
    }

    private static TextTitle subtitle(String text) {
        TextTitle t = new TextTitle(text, Styles.TICK);
        t.setPaint(new Color(0x404040));
        t.setPadding(new RectangleInsets(2, 0, 6, 0));
        return t;
    }

    private static void legendBelow(JFreeChart chart) {
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(Styles.LEGEND);
        legend.setFrame(BlockBorder.NONE);
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 14));
    }
}
