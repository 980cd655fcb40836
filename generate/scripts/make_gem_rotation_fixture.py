#!/usr/bin/python3
"""What GEM's data/mnist_rotations.py makes of the small fixture set at given angles.

GEM's rotate_dataset turns each image into Image.fromarray(img, mode='L').rotate(angle), then
ToTensor().view(784). torchvision is not needed for the latter: for a mode-'L' image ToTensor is
ByteTensor(pixels).float().div(255) (torchvision transforms/functional.py to_tensor), written so
below. Input: the test split of gem/ (made by make_gem_permutation_fixture.py). Output: the float32
tensors of 3 tasks as raw little-endian bytes, for GemReproductionTest.

    /usr/bin/python3 generate/scripts/make_gem_rotation_fixture.py \
        generate/src/test/resources/dev/mer/generate/gem
"""
import gzip
import sys
from pathlib import Path

import numpy as np
import torch
from PIL import Image

ANGLES = [4.330127018922193, 95.5, 171.25]


def to_tensor(img):
    return torch.from_numpy(np.asarray(img, np.uint8).copy()).float().div(255)


def main(gem_dir):
    gem = Path(gem_dir)
    with gzip.open(gem / "t10k-images-idx3-ubyte.gz", "rb") as f:
        data = f.read()
    n = int.from_bytes(data[4:8], "big")
    x = torch.from_numpy(np.frombuffer(data[16:], np.uint8).reshape(n, 28, 28).copy())
    tasks = []
    for angle in ANGLES:
        result = torch.FloatTensor(n, 784)
        for i in range(n):
            img = Image.fromarray(x[i].numpy(), mode="L")
            result[i] = to_tensor(img.rotate(angle)).view(784)
        tasks.append(result)
    (gem / "gem-rotations-test-x.f32").write_bytes(torch.cat(tasks).numpy().astype("<f4").tobytes())
    (gem / "gem-rotations-angles.txt").write_text(",".join(repr(a) for a in ANGLES) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
