"""Projects the paper's grid runs from the stretches bench/grid-time.sh measured (stdlib only).

    python3 bench/grid_project.py MEASURED.tsv EVALS.tsv QUICK

MEASURED.tsv: one line per (row, side) with the row's model, dataset, memories, flags, the examples
per task of the stretch and the record (mer: the run's result JSON; original: bench/orig_probe.py's
JSON). EVALS.tsv: mer's seconds per evaluation per dataset and network. See bench/grid-time.sh for
the method; this prints the table and the totals.
"""
import csv
import json
import statistics
import sys

TASKS = {'rotations': 20, 'permutations': 20, 'manypermutations': 100}
PAPER = {'rotations': 1000, 'permutations': 1000, 'manypermutations': 200}
LOG_EVERY = 100
SEEDS = 5
CORES = 2  # the project's machines


def evaluations(tasks, per_task):
    """main.py's evaluations: at every log_every-th example, at each change of task, and at the end."""
    return sum(1 for i in range(tasks * per_task) if i % LOG_EVERY == 0 or i % per_task == 0) + 1


def flag(args, name, default=None):
    a = args.split()
    return float(a[a.index(name) + 1]) if name in a else default


def linear_fit(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return my, 0.0
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    return my - b * mx, b


def project_mer(rec, row, e_per_eval):
    r = json.load(open(rec))
    t = r['timing']
    per_example = (t['seconds'] - t['evaluation_seconds']) / r['examples']
    n = TASKS[row['dataset']] * PAPER[row['dataset']]
    train = per_example * n
    ev = e_per_eval * evaluations(TASKS[row['dataset']], PAPER[row['dataset']])
    # mer evaluates on other threads, up to one per core, overlapping training: on 2 cores a run takes
    # at least its training and at least half of training and evaluations together
    return {'train': train, 'eval': ev, 'proj': max(train, (train + ev) / CORES), 'sum': train + ev, 'note': ''}


def project_original(rec, row):
    r = json.load(open(rec))
    model, dataset = row['model'], row['dataset']
    tasks, per_task = TASKS[dataset], PAPER[dataset]
    n = tasks * per_task
    ex = r['examples'][3:]  # the first steps warm up
    note = ''
    if ex and ex[0][1] is not None:  # a replay model: cost against the memory's size
        memories = int(flag(row['args'], '--memories', 5120))
        full = [dt for _, m, dt in ex if m >= memories]
        small = [(m, dt) for _, m, dt in ex if m < memories]
        if len(small) >= 5:
            a, b = linear_fit([m for m, _ in small], [dt for _, dt in small])
        else:
            a, b = (statistics.mean(dt for _, dt in small) if small else statistics.mean(full)), 0.0
        if full:
            c_full = statistics.mean(full)
        else:
            c_full, note = a + b * memories, 'memory never full: extrapolated'
        a = max(a, 0.0)
        fill = min(memories, n)
        train = sum(a + (c_full - a) * i / memories for i in range(fill)) + (n - fill) * c_full
    elif model in ('gem', 'ewc'):  # cost against the number of past tasks
        by_task = {}
        for t, _, dt in ex:
            by_task.setdefault(t, []).append(dt)
        done = {t: statistics.mean(v) for t, v in by_task.items() if len(v) >= 5}
        c0 = done.get(0, statistics.mean(dt for _, _, dt in ex))
        later = sorted(t for t in done if t >= 1)
        if len(later) >= 2:
            a, b = linear_fit(later, [done[t] for t in later])
            floor = min(done[t] for t in later)  # a noisy fit over few tasks must not go below what was measured
            cost = lambda t: c0 if t == 0 else max(floor, a + b * t)
            note = 'tasks 0-%d measured' % later[-1]
        elif later:
            cost = lambda t: c0 + (done[later[0]] - c0) * t / later[0]
            note = 'tasks 0-%d measured' % later[0]
        else:
            cost = lambda t: c0
            note = 'task 0 only: a lower bound'
        train = per_task * sum(cost(t) for t in range(tasks))
    else:
        train = statistics.mean(dt for _, _, dt in ex) * n
    ev = statistics.median(r['evaluations']) * evaluations(tasks, per_task)
    return {'train': train, 'eval': ev, 'proj': train + ev, 'sum': train + ev, 'note': note}


def main():
    measured, evals_path, quick = sys.argv[1], sys.argv[2], sys.argv[3] == '1'
    rows = list(csv.DictReader(open(measured), delimiter='\t'))
    e = {}
    for r in csv.DictReader(open(evals_path), delimiter='\t'):
        e[(r['dataset'], r['arch'])] = float(r['seconds']) / int(r['evaluations'])
    for arch in ('online', 'independent'):
        if ('manypermutations', arch) not in e and ('permutations', arch) in e:
            # QUICK: 100 tasks' test sets against 20, the same network per task (independent: narrower
            # networks, so this overestimates its evaluations)
            e[('manypermutations', arch)] = e[('permutations', arch)] * 5
    by_row = {}
    for r in rows:
        by_row.setdefault(int(r['row']), {})[r['side']] = r
    have_orig = any('original' in v for v in by_row.values())
    print('Seconds per evaluation (mer, in line, all tasks\' test sets):' + (' many permutations = 5 x permutations (QUICK)' if quick else ''))
    for (d, arch), s in sorted(e.items()):
        print('  %-16s %-12s %7.3f s' % (d, arch, s))
    print()
    head = '%3s %-11s %-16s %5s | %8s %7s %5s %5s' % ('row', 'model', 'dataset', 'mem', 'mer s', 'ex/s', 'eval%', '/task')
    if have_orig:
        head += ' | %9s %7s %5s %5s | %7s' % ('orig s', 'ex/s', 'eval%', '/task', 'ratio')
    print(head + ' | flags')
    tot = {'mer': 0.0, 'mer_sum': 0.0, 'orig': 0.0}
    notes = []
    projected = {}
    for i in sorted(by_row):
        v = by_row[i]
        m = v['mer']
        n = TASKS[m['dataset']] * PAPER[m['dataset']]
        arch = 'independent' if m['model'] == 'independent' else 'online'
        pm = project_mer(m['file'], m, e[(m['dataset'], arch)])
        tot['mer'] += pm['proj']
        projected[i] = pm['proj']
        tot['mer_sum'] += pm['sum']
        line = '%3d %-11s %-16s %5s | %8.0f %7.0f %4.0f%% %5s' % (
            i, m['model'], m['dataset'], m['memories'], pm['proj'], n / pm['proj'], 100 * pm['eval'] / pm['sum'], m['samples'])
        if have_orig:
            if 'original' in v:
                po = project_original(v['original']['file'], v['original'])
                tot['orig'] += po['proj']
                line += ' | %9.0f %7.1f %4.0f%% %5s | %6.1fx' % (
                    po['proj'], n / po['proj'], 100 * po['eval'] / po['sum'], v['original']['samples'], po['proj'] / pm['proj'])
                if po['note']:
                    notes.append('row %d (%s %s %s), original: %s' % (i, m['model'], m['dataset'], m['memories'], po['note']))
            else:
                line += ' | %9s %7s %5s %5s | %7s' % ('-', '-', '-', '-', '-')
        print(line + ' | ' + m['args'])
    print()
    if len(sys.argv) > 4:
        for c in csv.DictReader(open(sys.argv[4]), delimiter='\t'):
            i = int(c['row'])
            if i in projected:
                print('  row %d run whole (mer, paper scale, evaluations overlapping): %.0f s measured (evaluation thread busy %.0f s),'
                      ' %.0f s projected' % (i, float(c['seconds']), float(c['evaluation_seconds']), projected[i]))
    for note in notes:
        print('  ' + note)
    h = lambda s: '%.0f s = %.1f h' % (s, s / 3600)
    print('%d rows, seed 0: mer %s (each run: max(training, (training + evaluations) / 2), evaluations overlapping training on 2 cores; %s if they added up)'
          % (len(by_row), h(tot['mer']), h(tot['mer_sum'])))
    print('mer suite --seeds 0-4 (%d runs), one run at a time (its default --jobs on 2 cores): %s; with --jobs 2 on 2 cores'
          ' (CPU-bound, training and evaluation summed, halved): about %s'
          % (SEEDS * len(by_row), h(SEEDS * tot['mer']), h(SEEDS * tot['mer_sum'] / 2)))
    if have_orig:
        print('original, seed 0 (training + evaluations, one process): %s; 5 seeds one at a time (mer_examples.sh): %s;'
              ' two at a time on 2 cores: about %s; original / mer (seed 0, as run): %.1fx'
              % (h(tot['orig']), h(SEEDS * tot['orig']), h(SEEDS * tot['orig'] / 2), tot['orig'] / tot['mer']))


if __name__ == '__main__':
    main()
