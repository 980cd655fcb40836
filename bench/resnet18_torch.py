#!/usr/bin/env python3
"""GEM's reduced ResNet-18 in PyTorch: the reference point of bench/resnet18.sh.

Times one forward and backward pass (softmax cross-entropy loss and the gradient of every
parameter, training mode: BatchNorm on batch statistics) on a batch of 10 random 3x32x32 images,
as the Java candidates in dev.mer.bench.ResNet18Benchmark do; and with --export writes the
initial weights, the batch, the loss and every gradient to a small binary file that
dev.mer.bench.ResNet18Check loads to check the Java implementations against PyTorch.

The network is GEM's model/common.py (also MER's), copied below unchanged but for layout.

Usage: python3 bench/resnet18_torch.py [--threads 1,2] [--reps 200] [--export FILE]

Needs torch (Debian: apt-get install python3-torch, torch 1.13; run it with /usr/bin/python3).
"""
import argparse
import statistics
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.functional import relu, avg_pool2d

BATCH = 10
NCLASSES = 100
SEED = 0


# ---- GEM model/common.py (Lopez-Paz & Ranzato, 2017), unchanged ----
def conv3x3(in_planes, out_planes, stride=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride,
                     padding=1, bias=False)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, in_planes, planes, stride=1):
        super(BasicBlock, self).__init__()
        self.conv1 = conv3x3(in_planes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)

        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != self.expansion * planes:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_planes, self.expansion * planes, kernel_size=1,
                          stride=stride, bias=False),
                nn.BatchNorm2d(self.expansion * planes)
            )

    def forward(self, x):
        out = relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += self.shortcut(x)
        out = relu(out)
        return out


class ResNet(nn.Module):
    def __init__(self, block, num_blocks, num_classes, nf):
        super(ResNet, self).__init__()
        self.in_planes = nf

        self.conv1 = conv3x3(3, nf * 1)
        self.bn1 = nn.BatchNorm2d(nf * 1)
        self.layer1 = self._make_layer(block, nf * 1, num_blocks[0], stride=1)
        self.layer2 = self._make_layer(block, nf * 2, num_blocks[1], stride=2)
        self.layer3 = self._make_layer(block, nf * 4, num_blocks[2], stride=2)
        self.layer4 = self._make_layer(block, nf * 8, num_blocks[3], stride=2)
        self.linear = nn.Linear(nf * 8 * block.expansion, num_classes)

    def _make_layer(self, block, planes, num_blocks, stride):
        strides = [stride] + [1] * (num_blocks - 1)
        layers = []
        for stride in strides:
            layers.append(block(self.in_planes, planes, stride))
            self.in_planes = planes * block.expansion
        return nn.Sequential(*layers)

    def forward(self, x):
        bsz = x.size(0)
        out = relu(self.bn1(self.conv1(x.view(bsz, 3, 32, 32))))
        out = self.layer1(out)
        out = self.layer2(out)
        out = self.layer3(out)
        out = self.layer4(out)
        out = avg_pool2d(out, 4)
        out = out.view(out.size(0), -1)
        out = self.linear(out)
        return out


def ResNet18(nclasses, nf=20):
    return ResNet(BasicBlock, [2, 2, 2, 2], nclasses, nf)
# ---- end of common.py ----


def make():
    """The network (PyTorch's default initialisation), the batch and the labels, from SEED."""
    torch.manual_seed(SEED)
    net = ResNet18(NCLASSES)
    net.train()
    g = torch.Generator().manual_seed(SEED + 1)
    x = torch.randn(BATCH, 3, 32, 32, generator=g)
    y = torch.randint(0, NCLASSES, (BATCH,), generator=g)
    return net, x, y


def step(net, x, y):
    """One forward and backward pass: GEM's loss (nn.CrossEntropyLoss, mean over the batch)."""
    net.zero_grad(set_to_none=True)
    logits = net(x)
    loss = F.cross_entropy(logits, y)
    loss.backward()
    return logits, loss


def export(path, net, x, y):
    """Tensors as: magic 'MERT', int32 count, then per tensor: int32 name length, UTF-8 name,
    int32 rank, int64 dims, float32 values (row-major); all little-endian. Parameters in
    named_parameters() order (their PyTorch layouts: conv weights OIHW, linear weight [out, in]),
    then 'input', 'labels' (as floats), 'logits', 'loss' and 'grad.<name>' for each parameter."""
    logits, loss = step(net, x, y)
    tensors = [(n, p.detach()) for n, p in net.named_parameters()]
    tensors += [("input", x), ("labels", y.float()), ("logits", logits.detach()),
                ("loss", loss.detach().reshape(1))]
    tensors += [("grad." + n, p.grad) for n, p in net.named_parameters()]
    with open(path, "wb") as f:
        f.write(b"MERT")
        f.write(struct.pack("<i", len(tensors)))
        for name, t in tensors:
            b = name.encode()
            f.write(struct.pack("<i", len(b)))
            f.write(b)
            f.write(struct.pack("<i", t.dim()))
            f.write(struct.pack("<%dq" % t.dim(), *t.shape))
            f.write(t.contiguous().float().numpy().astype("<f4").tobytes())
    return loss.item()


def time_passes(net, x, y, threads, warmup, reps):
    torch.set_num_threads(threads)
    for _ in range(warmup):
        step(net, x, y)
    ms = []
    for _ in range(reps):
        t0 = time.perf_counter()
        step(net, x, y)
        ms.append((time.perf_counter() - t0) * 1e3)
    ms.sort()
    q = statistics.quantiles(ms, n=20)
    return statistics.median(ms), q[4], q[14], q[17], ms[0], ms[-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", default="1,2",
                    help="comma-separated thread counts (torch.set_num_threads); 'default' = as started;"
                         " empty: no timing")
    ap.add_argument("--warmup", type=int, default=30)
    ap.add_argument("--reps", type=int, default=200)
    ap.add_argument("--export", metavar="FILE", help="write weights, batch, loss and gradients")
    a = ap.parse_args()

    default_threads = torch.get_num_threads()
    net, x, y = make()
    nparams = sum(p.numel() for p in net.parameters())
    print(f"torch {torch.__version__}; mkldnn (oneDNN) available: {torch.backends.mkldnn.is_available()};"
          f" CPU capability: {torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, 'cpu') else '?'};"
          f" default threads: {default_threads}")
    print(f"ResNet18(nclasses={NCLASSES}, nf=20): {nparams} parameters in "
          f"{len(list(net.parameters()))} tensors; logits {tuple(net(x).shape)}")
    if a.export:
        net, x, y = make()
        loss = export(a.export, net, x, y)
        print(f"exported {a.export}: loss {loss:.7f}")
    net, x, y = make()
    for t in filter(None, a.threads.split(",")):
        n = default_threads if t == "default" else int(t)
        med, q1, q3, p90, lo, hi = time_passes(net, x, y, n, a.warmup, a.reps)
        print(f"RESULT torch-{torch.__version__.split('a')[0]} threads={n} median_ms={med:.2f} "
              f"q1={q1:.2f} q3={q3:.2f} p90={p90:.2f} min={lo:.2f} max={hi:.2f} reps={a.reps}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
