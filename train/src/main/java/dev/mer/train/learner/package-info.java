/**
 * The learners of the paper, each the algorithm of its reference file in mattriemer/MER's
 * {@code model/} and nothing else: {@code observe} a batch, answer with a network per task.
 */
package dev.mer.train.learner;
