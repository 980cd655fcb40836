#!/usr/bin/python3
"""Draws from torch's and CPython's generators for RandomStreamsTest.
Run with Debian's python3-torch:  /usr/bin/python3 random/scripts/make_random_fixture.py"""
import os
import random
import torch

out = os.path.join(os.path.dirname(__file__), '..', 'src', 'test', 'resources', 'dev', 'mer', 'random')
with open(os.path.join(out, 'streams.txt'), 'w') as f:
    for seed in (0, 1, 12345, 2**32 + 7, 2**40 + 3):
        torch.manual_seed(seed)
        f.write('torch %d randperm20 %s\n' % (seed, ' '.join(map(str, torch.randperm(20).tolist()))))
        f.write('torch %d randperm784 %s\n' % (seed, ' '.join(map(str, torch.randperm(784).tolist()))))
        random.seed(seed)
        f.write('python %d getrandbits32 %s\n' % (seed, ' '.join(str(random.getrandbits(32)) for _ in range(5))))
        x = list(range(30))
        random.shuffle(x)
        f.write('python %d shuffle30 %s\n' % (seed, ' '.join(map(str, x))))
        f.write('python %d randint0_1000 %s\n' % (seed, ' '.join(str(random.randint(0, 1000)) for _ in range(10))))
        f.write('python %d random %s\n' % (seed, ' '.join(repr(random.random()) for _ in range(3))))
