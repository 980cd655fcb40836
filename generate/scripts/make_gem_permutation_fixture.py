#!/usr/bin/python3
"""A small MNIST-format set and what GEM's data/mnist_permutations.py makes of it.

Writes the first 20 train and 8 test Fashion-MNIST images as IDX .gz files, then follows GEM's
permutation script with Debian's torch: torch.manual_seed(0); images as float32 / 255.0; per
task p = torch.randperm(784) and x.index_select(1, p). The resulting float32 tensors of 3 tasks
are stored as raw little-endian bytes (task after task), labels as int64, so that
GemReproductionTest can check `mer generate --permutations 3 --seed 0` bit for bit.

    /usr/bin/python3 generate/scripts/make_gem_permutation_fixture.py \
        generate/src/test/resources/dev/mer/generate/gem
"""
import gzip
import struct
import sys
from pathlib import Path

import numpy as np
import torch

FASHION = "/usr/share/datasets/fashion-mnist"
N = {"train": 20, "t10k": 8}
TASKS = 3
SEED = 0


def read_idx(name, count):
    with gzip.open(f"{FASHION}/{name}", "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    per_item = int(np.prod(dims[1:])) if ndim > 1 else 1
    start = 4 + 4 * ndim
    return dims, data[start:start + count * per_item]


def write_idx(path, magic, dims, data):
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in dims)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
            gz.write(header + data)


def main(out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tensors = {}
    for prefix, n in N.items():
        dims, images = read_idx(f"{prefix}-images-idx3-ubyte.gz", n)
        _, labels = read_idx(f"{prefix}-labels-idx1-ubyte.gz", n)
        write_idx(out / f"{prefix}-images-idx3-ubyte.gz", 2051, (n, dims[1], dims[2]), images)
        write_idx(out / f"{prefix}-labels-idx1-ubyte.gz", 2049, (n,), labels)
        x = torch.from_numpy(np.frombuffer(images, np.uint8).reshape(n, dims[1], dims[2]).copy())
        y = torch.from_numpy(np.frombuffer(labels, np.uint8).copy()).long()
        tensors[prefix] = (x, y)

    # GEM's order of operations: seed first, load, scale, then one randperm per task.
    torch.manual_seed(SEED)
    x_tr, y_tr = tensors["train"]
    x_te, y_te = tensors["t10k"]
    x_tr = x_tr.float().view(x_tr.size(0), -1) / 255.0
    x_te = x_te.float().view(x_te.size(0), -1) / 255.0
    train, test = [], []
    for _ in range(TASKS):
        p = torch.randperm(x_tr.size(1)).long().view(-1)
        train.append(x_tr.index_select(1, p))
        test.append(x_te.index_select(1, p))
    (out / "gem-train-x.f32").write_bytes(torch.cat(train).numpy().astype("<f4").tobytes())
    (out / "gem-test-x.f32").write_bytes(torch.cat(test).numpy().astype("<f4").tobytes())
    (out / "gem-train-y.i64").write_bytes(y_tr.numpy().astype("<i8").tobytes())
    (out / "gem-test-y.i64").write_bytes(y_te.numpy().astype("<i8").tobytes())


if __name__ == "__main__":
    main(sys.argv[1])
