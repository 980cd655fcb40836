/**
 * The learners of the paper, each the algorithm of its reference file in mattriemer/MER's
 * {@code model/} and nothing else: {@code observe} a batch, answer with a network per task. The
 * model catalogue, {@link dev.mer.train.learner.Models}, says for each model which of main.py's
 * flags it reads, how its memory is counted, what it refuses (the configurations its reference
 * file fails on, each with the reason) and how its learner is built.
 */
package dev.mer.train.learner;
