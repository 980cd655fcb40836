/**
 * Reports of finished runs: GEM's evolution and bar plots and the accuracy matrices as headless
 * PNG and SVG figures (JFreeChart, JFreeSVG), and a self-contained {@code index.html} with the
 * summary table. {@link dev.mer.experiment.report.Report#write} is the entry point.
 */
package dev.mer.experiment.report;
