#!/usr/bin/env python3
"""Writes MNIST-sized IDX files (60,000 train / 10,000 test images) by repeating mer's embedded
sample of real MNIST digits (8,000 train / 2,000 test), for timing paper-scale runs on MNIST-like
inputs (about 19% non-zero pixels, as the paper's MNIST) where the full MNIST cannot be downloaded.
The repeated images are only for timing: a network trained on them learns nothing the sample does
not hold.

Usage: bench/tile_sample.py OUT_DIR
"""
import gzip
import os
import struct
import sys

import idx_files

SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "generate", "src", "main", "resources",
                      "dev", "mer", "generate", "sample")
SIZES = {"train": 60000, "t10k": 10000}


def write_idx(path, magic_dims, shape, body):
    tmp = path + ".tmp"
    with gzip.open(tmp, "wb", compresslevel=1) as f:
        f.write(bytes([0, 0, 8, magic_dims]) + struct.pack(">" + "I" * len(shape), *shape) + body)
    os.replace(tmp, path)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for split, n in SIZES.items():
        (count, rows, cols), images = idx_files.read(SAMPLE, split + "-images-idx3-ubyte", "tile_sample")
        (lcount,), labels = idx_files.read(SAMPLE, split + "-labels-idx1-ubyte", "tile_sample")
        size = rows * cols
        reps = -(-n // count)
        write_idx(os.path.join(out, split + "-images-idx3-ubyte.gz"), 3, (n, rows, cols), (images * reps)[:n * size])
        write_idx(os.path.join(out, split + "-labels-idx1-ubyte.gz"), 1, (n,), (labels * reps)[:n])
        print("%s: %d images from %d" % (split, n, count), file=sys.stderr)


if __name__ == "__main__":
    main()
