/**
 * GEM's reduced ResNet-18 built with each candidate library for convolutions (ND4J SameDiff, DJL's
 * PyTorch engine), for {@code dev.mer.bench.ResNet18Benchmark}, and {@link
 * dev.mer.bench.resnet.ResNet18Check}, which checks them against PyTorch's own weights, loss and
 * gradients (written by {@code bench/resnet18_torch.py --export}). See BENCHMARKS.md.
 */
package dev.mer.bench.resnet;
