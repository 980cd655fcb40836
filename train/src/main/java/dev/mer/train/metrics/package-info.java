/**
 * GEM's evaluation bookkeeping: the log of every evaluation, the accuracy matrix taken from it,
 * and the paper's metrics — retained accuracy (RA), learning accuracy (LA), backward transfer and
 * interference (BTI) and forward transfer (FWT) — with GEM's result-file layout.
 */
package dev.mer.train.metrics;
