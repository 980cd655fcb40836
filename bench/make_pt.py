#!/usr/bin/python3
"""Writes an MNIST Rotations or Permutations benchmark as a .pt file in GEM's layout, for the original code.

    /usr/bin/python3 bench/make_pt.py IDX_DIR MANIFEST_JSON OUT.pt [TRAIN_ROWS [TEST_ROWS]]

IDX_DIR holds MNIST-format files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],
t10k-...), e.g. mer's embedded sample (generate/src/main/resources/dev/mer/generate/sample).
MANIFEST_JSON is `mer info --json TASKSET` of a task-set mer generated: one task per task of the
manifest, in order, with its angle (a rotation) or its permutation. The output is what GEM's
data/mnist_rotations.py and data/mnist_permutations.py save: torch.save([tasks_tr, tasks_te]),
each task [angle or 'random permutation', X (N x 784 float32, k/255), Y (N int64)]; a rotation
rotates every image with PIL's Image.rotate(angle) as GEM does, a permutation takes
x.index_select(1, p). TRAIN_ROWS / TEST_ROWS keep the first K images of each split (default
all). Needs torch, numpy and Pillow (Debian: python3-torch, python3-pil).
"""
import json
import os
import sys

import numpy as np
import torch
from PIL import Image

import idx_files


def read_idx(directory, name):
    shape, body = idx_files.read(directory, name, 'make_rotations_pt')
    return np.frombuffer(body, dtype=np.uint8).reshape(shape)


def rotate_all(images, angle):
    out = np.empty((images.shape[0], images.shape[1] * images.shape[2]), dtype=np.float32)
    for i in range(images.shape[0]):
        out[i] = np.asarray(Image.fromarray(images[i], mode='L').rotate(angle), dtype=np.uint8).reshape(-1)
    # torchvision's ToTensor: float32 division by 255
    return torch.from_numpy(out / np.float32(255))


def permute_all(images, permutation):
    flat = images.reshape(images.shape[0], -1)[:, np.asarray(permutation, dtype=np.int64)]
    return torch.from_numpy(np.ascontiguousarray(flat, dtype=np.float32) / np.float32(255))


def main():
    if not 4 <= len(sys.argv) <= 6:
        sys.exit(__doc__)
    idx_dir, manifest_path, out = sys.argv[1:4]
    train_rows = int(sys.argv[4]) if len(sys.argv) > 4 else None
    test_rows = int(sys.argv[5]) if len(sys.argv) > 5 else None
    with open(manifest_path) as f:
        manifest = json.load(f)
    x_tr = read_idx(idx_dir, 'train-images-idx3-ubyte')[:train_rows]
    y_tr = torch.from_numpy(read_idx(idx_dir, 'train-labels-idx1-ubyte')[:train_rows].astype(np.int64))
    x_te = read_idx(idx_dir, 't10k-images-idx3-ubyte')[:test_rows]
    y_te = torch.from_numpy(read_idx(idx_dir, 't10k-labels-idx1-ubyte')[:test_rows].astype(np.int64))
    tasks_tr, tasks_te = [], []
    for task in manifest['tasks']:
        if task['kind'] == 'rotation':
            angle = task['parameter']['angle']
            tasks_tr.append([angle, rotate_all(x_tr, angle), y_tr])
            tasks_te.append([angle, rotate_all(x_te, angle), y_te])
        elif task['kind'] == 'permutation':
            p = task['parameter']['permutation']
            tasks_tr.append(['random permutation', permute_all(x_tr, p), y_tr])
            tasks_te.append(['random permutation', permute_all(x_te, p), y_te])
        else:
            sys.exit('make_pt: task %d is a %s: only rotations and permutations' % (task['index'], task['kind']))
    tmp = out + '.part'
    torch.save([tasks_tr, tasks_te], tmp)
    os.replace(tmp, out)
    print('%s: %d tasks, %d train + %d test rows per task' % (out, len(tasks_tr), len(y_tr), len(y_te)))


if __name__ == '__main__':
    main()
