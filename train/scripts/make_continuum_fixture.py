#!/usr/bin/python3
"""The training order of MER's main.py Continuum (copied logic), for ContinuumTest.
Run with Debian's python3-torch:  /usr/bin/python3 train/scripts/make_continuum_fixture.py"""
import os
import random
import torch

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'test', 'resources', 'dev', 'mer', 'train', 'continuum')


def order(sizes, samples_per_task, n_epochs, shuffle_tasks, seed):
    torch.manual_seed(seed)
    random.seed(seed)
    n_tasks = len(sizes)
    task_permutation = range(n_tasks)
    if shuffle_tasks == 'yes':
        task_permutation = torch.randperm(n_tasks).tolist()
    sample_permutations = []
    for t in range(n_tasks):
        N = sizes[t]
        n = N if samples_per_task <= 0 else min(samples_per_task, N)
        p = torch.randperm(N)[0:n]
        sample_permutations.append(p)
    permutation = []
    for t in range(n_tasks):
        task_t = task_permutation[t]
        for _ in range(n_epochs):
            task_p = [[task_t, int(i)] for i in sample_permutations[task_t]]
            random.shuffle(task_p)
            permutation += task_p
    # what the model's RNGs see next
    after = [random.randint(0, 1000) for _ in range(3)] + [int(torch.randperm(5)[0])]
    return permutation, after


with open(os.path.join(OUT, 'orders.txt'), 'w') as f:
    for sizes, spt, epochs, shuffle, seed in [([7, 5, 9], 4, 1, 'no', 0), ([7, 5, 9], 4, 2, 'yes', 3),
                                              ([60, 60], -1, 1, 'no', 1), ([1000, 1000, 1000], 100, 1, 'yes', 12345)]:
        perm, after = order(sizes, spt, epochs, shuffle, seed)
        f.write('%s %d %d %s %d | %s | %s\n' % (','.join(map(str, sizes)), spt, epochs, shuffle, seed,
                                               ' '.join('%d:%d' % (t, i) for t, i in perm), ' '.join(map(str, after))))
