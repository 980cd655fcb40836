#!/usr/bin/python3
"""Writes GEM's result-file text for fixed evaluation logs, with GEM's own confusion_matrix
(metrics/metrics.py of facebookresearch/GradientEpisodicMemory, as copied into mattriemer/MER),
so that AccuracyMatrixTest can compare mer's output byte for byte; and torch's float32 means of
vectors of many lengths, for TorchSumTest.

Run with Debian's python3-torch:  /usr/bin/python3 train/scripts/make_metrics_fixture.py
"""
import os
import torch

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'test', 'resources', 'dev', 'mer', 'train', 'metrics')


def task_changes(result_t):
    n_tasks = int(result_t.max() + 1)
    changes = []
    current = result_t[0]
    for i, t in enumerate(result_t):
        if t != current:
            changes.append(i)
            current = t
    return n_tasks, changes


def confusion_matrix(result_t, result_a, fname=None):
    nt, changes = task_changes(result_t)
    baseline = result_a[0]
    changes = torch.LongTensor(changes + [result_a.size(0)]) - 1
    result = result_a.index_select(0, torch.LongTensor(changes))
    acc = result.diag()
    fin = result[nt - 1]
    bwt = result[nt - 1] - acc
    fwt = torch.zeros(nt)
    for t in range(1, nt):
        fwt[t] = result[t - 1, t] - baseline[t]
    if fname is not None:
        f = open(fname, 'w')
        print(' '.join(['%.4f' % r for r in baseline]), file=f)
        print('|', file=f)
        for row in range(result.size(0)):
            print(' '.join(['%.4f' % r for r in result[row]]), file=f)
        print('', file=f)
        print('Final Accuracy: %.4f' % fin.mean(), file=f)
        print('Backward: %.4f' % bwt.mean(), file=f)
        print('Forward:  %.4f' % fwt.mean(), file=f)
        f.close()
    return [fin.mean(), bwt.mean(), fwt.mean()], acc.mean()


def write(name, result_t, result_a):
    t = torch.Tensor(result_t)
    a = torch.Tensor(result_a)
    stats, la = confusion_matrix(t, a, os.path.join(OUT, name + '.txt'))
    with open(os.path.join(OUT, name + '.log'), 'w') as f:
        for task, row in zip(result_t, a.tolist()):
            f.write(str(task) + ' ' + ' '.join(repr(v) for v in row) + '\n')
    with open(os.path.join(OUT, name + '.stats'), 'w') as f:
        f.write(' '.join(repr(float(s)) for s in stats + [la]) + '\n')


# Three tasks, evaluated every "log_every" batches and at task switches, as life_experience does.
write('three_tasks', [0, 0, 0, 1, 1, 2, 2, 2], [
    [0.1, 0.09, 0.11],
    [0.5, 0.2, 0.15],
    [0.9, 0.3, 0.2],
    [0.8, 0.6, 0.3],
    [0.7, 0.95, 0.31],
    [0.6, 0.9, 0.5],
    [0.55, 0.85, 0.7],
    [0.5, 0.8, 0.96875],
])

# Exact ties at the fourth decimal (1/32, 3/32) and negative values near zero.
write('ties', [0, 1, 2], [
    [0.03125, 0.09375, 0.5],
    [0.03125, 0.09375, 0.15625],
    [0.03120, 0.09375, 0.15625],
])

# One task only.
write('one_task', [0, 0], [[0.1], [0.91]])

# Twenty tasks, the paper's count, in order: from 8 values on torch adds whole 8-float vectors first.
g = torch.Generator().manual_seed(20)
twenty = []
for t in range(20):
    for _ in range(2):
        twenty.append((t, (torch.randint(0, 10001, (20,), generator=g).float() / 10000).tolist()))
write('twenty_tasks', [t for t, _ in twenty], [row for _, row in twenty])

# torch's float32 mean of vectors of every length up to 40 and some longer ones around the chunk
# sizes, values and mean as float32 bits in hex (TorchSumTest): uniform values in [0, 1) and
# [0, 1000), and differences of accuracies k/20.
with open(os.path.join(OUT, 'torch_means.txt'), 'w') as f:
    g = torch.Generator().manual_seed(0)
    for n in list(range(1, 41)) + [47, 63, 64, 65, 100, 127, 128, 129, 200, 333]:
        for kind in range(3):
            if kind == 2:
                x = (torch.randint(0, 21, (n,), generator=g).float() / 20
                     - torch.randint(0, 21, (n,), generator=g).float() / 20)
            else:
                x = torch.rand(n, generator=g) * (1000.0 if kind else 1.0)
            bits = x.view(torch.int32).tolist() + [x.mean().view(torch.int32).item()]
            f.write(' '.join('%08x' % (b & 0xffffffff) for b in bits) + '\n')
