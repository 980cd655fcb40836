package dev.mer.report;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One figure of a report, drawn twice: a PNG for the page and an SVG for papers.
 *
 * @param kind what the figure shows
 * @param title the figure's title
 * @param caption the sentence under it on the page
 * @param png the PNG file
 * @param svg the SVG file
 * @param width the figure's width in pixels (the SVG's too)
 * @param height the figure's height in pixels
 */
public record Figure(Kind kind, String title, String caption, Path png, Path svg, int width, int height) {
    /** The kinds of figure, in the order the page shows them. */
    public enum Kind {
        /** GEM's evolution plot: accuracy over the stream of the first task and of the mean over tasks. */
        EVOLUTION,
        /** GEM's bar plot: RA, LA and BTI per model. */
        BARS,
        /** One model's accuracy matrix as a heatmap. */
        MATRIX
    }

    public Figure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(svg, "svg");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Invalid figure size: " + width + "×" + height);
        }
    }

    /** This figure with its files moved under {@code directory} (same names). */
    Figure in(Path directory) {
        return new Figure(kind, title, caption, directory.resolve(png.getFileName()), directory.resolve(svg.getFileName()),
                width, height);
    }
}
