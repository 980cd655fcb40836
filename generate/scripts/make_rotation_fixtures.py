#!/usr/bin/python3
"""Rotates a few images with real Pillow, for RotationTest's bit-exact comparison.

Images: the synthetic pattern (28y + x) % 256 of docs/formats/pillow-rotation.md §3, the first three Fashion-MNIST test
images, a seeded random 28x28 image and a seeded random non-square 23x17 image. Each is rotated
with Image.fromarray(img, 'L').rotate(angle) (defaults: NEAREST, expand=False, fill 0), as
GEM's data/mnist_rotations.py does.

    /usr/bin/python3 generate/scripts/make_rotation_fixtures.py \
        > generate/src/test/resources/dev/mer/generate/transform/pillow-rotations.txt
"""
import gzip
import random

import numpy as np
import PIL
from PIL import Image

FASHION = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"
ANGLES = [0.0, 90.0, 180.0, 270.0, 360.0, -90.0, 30.0, 45.0, 12.345, 89.5, 135.0, 171.25,
          -30.0, -0.5, 359.999, 1e-07, 720.5, 33.333333333333336, 8.999999999999998, 177.77]


def images():
    yield "pattern", np.array([[(28 * y + x) % 256 for x in range(28)] for y in range(28)], np.uint8)
    with gzip.open(FASHION, "rb") as f:
        data = f.read()
    for i in range(3):
        start = 16 + i * 784
        yield f"fashion{i}", np.frombuffer(data[start:start + 784], np.uint8).reshape(28, 28)
    rng = random.Random(7)
    yield "noise", np.array([[rng.randrange(256) for _ in range(28)] for _ in range(28)], np.uint8)
    yield "wide", np.array([[rng.randrange(256) for _ in range(23)] for _ in range(17)], np.uint8)


def main():
    print(f"# Pillow {PIL.__version__}; made by generate/scripts/make_rotation_fixtures.py")
    print("# image NAME WIDTH HEIGHT HEX  |  rotate NAME ANGLE HEX (row-major bytes)")
    for name, img in images():
        h, w = img.shape
        print(f"image {name} {w} {h} {img.tobytes().hex()}")
        for angle in ANGLES:
            out = np.asarray(Image.fromarray(img, mode="L").rotate(angle), np.uint8)
            print(f"rotate {name} {angle!r} {out.tobytes().hex()}")


if __name__ == "__main__":
    main()
