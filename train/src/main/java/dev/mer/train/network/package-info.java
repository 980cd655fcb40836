/**
 * Networks behind one seam, {@link dev.mer.train.network.Network}: what a learner asks of a network
 * (single-example losses, gradients and SGD steps, GEM's group gradients, a batch's predictions,
 * the flat parameter vector, a twin over other parameters), and {@link
 * dev.mer.train.network.Architecture}s that make them. The first implementation is the paper's
 * network — an MLP [n_inputs, n_hiddens × n_layers, n_classes] with ReLU, softmax cross-entropy
 * and plain SGD — on flat float arrays: one parameter vector and one gradient vector, so that SGD
 * steps, EWC penalties, GEM projections and Reptile interpolations are single passes over arrays,
 * and a single-example step allocates nothing. {@link dev.mer.train.network.BiasOnly} is that MLP
 * when its hidden layers have no unit, as the reference builds it for {@code --n_hiddens 0}.
 */
package dev.mer.train.network;
