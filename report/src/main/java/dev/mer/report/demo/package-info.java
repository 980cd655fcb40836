/**
 * {@code mer demo}: the paper's Rotations experiment in miniature on the embedded sample, offline,
 * through the suite and the report.
 */
package dev.mer.report.demo;
