/**
 * Reports of finished runs: GEM's evolution and bar plots and the accuracy matrices as headless
 * PNG and SVG figures (JFreeChart, JFreeSVG), and a self-contained {@code index.html} with the
 * summary table. {@link dev.mer.report.Report#write} is the entry point. This package draws only:
 * the curves, the mean matrices and the summary are computed in {@code dev.mer.experiment.summary}.
 * It is the one place that loads AWT (headless, set when {@link dev.mer.report.Report} loads), so
 * that running a suite never does.
 */
package dev.mer.report;
