#!/usr/bin/python3
"""Records torch.randperm outputs, for TorchRandpermTest's bit-exact comparison.

For each seed: torch.manual_seed(seed), then consecutive calls randperm(784) x3, randperm(20),
randperm(1), randperm(2) (printed in full) and randperm(60000) (printed as the sha256 of its
int32 little-endian bytes). Same stream position rules as GEM's data/mnist_permutations.py.

    /usr/bin/python3 generate/scripts/make_randperm_fixtures.py \
        > generate/src/test/resources/dev/mer/generate/torch-randperm.txt
"""
import hashlib

import numpy as np
import torch

SEEDS = [0, 1, 12345, 2**32 + 7]
FULL = [784, 784, 784, 20, 1, 2]


def main():
    print(f"# torch {torch.__version__}; made by generate/scripts/make_randperm_fixtures.py")
    print("# randperm SEED CALL N V0,V1,...  |  randperm-sha256 SEED CALL N HEX")
    for seed in SEEDS:
        torch.manual_seed(seed)
        for call, n in enumerate(FULL):
            p = torch.randperm(n).tolist()
            print(f"randperm {seed} {call} {n} {','.join(map(str, p))}")
        p = torch.randperm(60000).numpy().astype("<i4").tobytes()
        print(f"randperm-sha256 {seed} {len(FULL)} 60000 {hashlib.sha256(p).hexdigest()}")


if __name__ == "__main__":
    main()
