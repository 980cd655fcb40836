#!/usr/bin/python3
"""Runs MER's own main.py (github.com/mattriemer/MER) on a tiny dataset and records what it does,
for mer's tests against the reference (ReferenceRunsTest). A test tool: nothing here is part of mer.

    /usr/bin/python3 train/src/test/resources/reference/make_reference_fixtures.py MER_DIR

MER_DIR is a checkout of mattriemer/MER (main.py, model/, metrics/). Needs torch, numpy and scipy
(Debian: python3-torch, python3-scipy). gem.py imports quadprog: quadprog.py beside this script
is a stand-in for it (a test tool, see its docstring). See README.md here.

The dataset: 5 tasks of 40 training and 20 test rows of 784 values, in MER's .pt format
(torch.save([train, test]), a task being [rotation, x (N x 784 float32), y (N int64)]), the values
those of mer's TaskSetFixtures (dataset's test jar) with seed DATA_SEED, so that the Java tests
write the same data as a task-set without converting the .pt.

It writes, into this directory:
- shuffled/runs.json: for each run with --shuffle_tasks yes (models online, eralg4, meralg1, seeds
  0..4), main.py's arguments, the order in which the tasks were presented and every example (task,
  row) in order (from main.py's Continuum object), result_t, result_a (float32 values as exact
  decimals) and the three stats confusion_matrix returned;
- shuffled/<run>.txt: the confusion matrix file main.py wrote for that run;
- edge_cases.json: for each configuration of EDGE_CASES (main.py's defaults and edge values that
  mer once refused), its arguments and the flags the case is about, and whether main.py ran it
  (with its result_t and result_a's shape) or how it failed (the exception's first line and where,
  or that it did not end within EDGE_TIMEOUT seconds).
"""
import json
import os
import runpy
import subprocess
import sys
import tempfile
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_SEED = 2019
TASKS, TRAIN_ROWS, TEST_ROWS, N_INPUTS = 5, 40, 20, 784
DATA_FILE = 'reference_tiny.pt'
EDGE_TIMEOUT = 60

M64 = (1 << 64) - 1


def mix32(z):
    """java.util.SplittableRandom's mix32."""
    z = ((z ^ (z >> 33)) * 0x62a9d9ed799705f5) & M64
    return (((z ^ (z >> 28)) * 0xcb24d0a5c88c35b3) & M64) >> 32


def value(seed, split, task, row, i):
    """TaskSetFixtures.value: new SplittableRandom(h).nextInt(256) for a hash h of the position."""
    h = (seed * 0x9E3779B97F4A7C15 + split * 0xBF58476D1CE4E5B9 + task * 0x94D049BB133111EB + row * 31 + i) & M64
    return mix32((h + 0x9E3779B97F4A7C15) & M64) & 0xff


def label(split, task, row):
    """TaskSetFixtures.label."""
    return (row * 7 + task * 3 + split) % 10


def make_dataset(path):
    import torch
    splits = []
    for split, rows in ((0, TRAIN_ROWS), (1, TEST_ROWS)):
        tasks = []
        for t in range(TASKS):
            x = torch.tensor([[value(DATA_SEED, split, t, r, i) for i in range(N_INPUTS)] for r in range(rows)],
                             dtype=torch.uint8).float() / 255
            y = torch.tensor([label(split, t, r) for r in range(rows)], dtype=torch.int64)
            tasks.append([9.0 * t + 0.25, x, y])
        splits.append(tasks)
    torch.save(splits, path)
    return [[int(sum(value(DATA_SEED, s, t, 0, i) for i in range(N_INPUTS))) for t in range(TASKS)] for s in (0, 1)]


COMMON = ['--n_hiddens', '20', '--log_every', '7', '--samples_per_task', '30']
SHUFFLED = [
    ('online', ['--model', 'online', '--lr', '0.05']),
    ('eralg4', ['--model', 'eralg4', '--lr', '0.05', '--memories', '20', '--replay_batch_size', '3']),
    ('meralg1', ['--model', 'meralg1', '--lr', '0.03', '--memories', '20', '--replay_batch_size', '3',
                 '--batches_per_example', '2', '--beta', '0.3', '--gamma', '0.7']),
]
SEEDS = range(5)

# (name, main.py arguments): main.py's defaults and edge values, where mer once refused or might
# differ; with COMMON's flags that a case does not give, seed 0, tasks in order unless it says so.
EDGE_CASES = [
    ('model_default', []),
    ('gem_defaults', ['--model', 'gem']),
    ('gem_n_memories_0_batch_4', ['--model', 'gem', '--batch_size', '4']),
    ('gem_n_memories_0_batch_4_spt_29', ['--model', 'gem', '--batch_size', '4', '--samples_per_task', '29']),
    ('gem_n_memories_negative', ['--model', 'gem', '--n_memories', '-1']),
    ('gem_n_layers_0', ['--model', 'gem', '--n_memories', '5', '--n_layers', '0']),
    ('ewc_defaults', ['--model', 'ewc']),
    ('ewc_n_memories_negative', ['--model', 'ewc', '--n_memories', '-2', '--memory_strength', '1']),
    ('ewc_shuffled', ['--model', 'ewc', '--n_memories', '5', '--shuffle_tasks', 'yes']),
    ('ewc_shuffled_seed_1', ['--model', 'ewc', '--n_memories', '5', '--shuffle_tasks', 'yes', '--seed', '1']),
    ('gem_shuffled', ['--model', 'gem', '--n_memories', '5', '--memory_strength', '0.5', '--shuffle_tasks', 'yes']),
    ('independent_shuffled', ['--model', 'independent', '--shuffle_tasks', 'yes']),
    ('taskinput_shuffled', ['--model', 'taskinput', '--shuffle_tasks', 'yes']),
    ('eralg5_shuffled', ['--model', 'eralg5', '--memories', '20', '--shuffle_tasks', 'yes']),
    ('meralg6_shuffled', ['--model', 'meralg6', '--memories', '20', '--shuffle_tasks', 'yes']),
    ('meralg7_shuffled', ['--model', 'meralg7', '--memories', '20', '--shuffle_tasks', 'yes']),
    ('eralg4_memories_0', ['--model', 'eralg4', '--memories', '0']),
    ('eralg4_memories_negative', ['--model', 'eralg4', '--memories', '-5']),
    ('eralg5_memories_0', ['--model', 'eralg5', '--memories', '0']),
    ('meralg1_memories_0', ['--model', 'meralg1', '--memories', '0']),
    ('meralg6_memories_0', ['--model', 'meralg6', '--memories', '0']),
    ('meralg7_memories_0', ['--model', 'meralg7', '--memories', '0']),
    ('eralg4_replay_batch_size_0', ['--model', 'eralg4', '--memories', '20', '--replay_batch_size', '0']),
    ('eralg5_replay_batch_size_negative', ['--model', 'eralg5', '--memories', '20', '--replay_batch_size', '-3']),
    ('meralg1_batches_per_example_half', ['--model', 'meralg1', '--memories', '20', '--batches_per_example', '0.5']),
    ('meralg1_batches_per_example_negative', ['--model', 'meralg1', '--memories', '20', '--batches_per_example',
                                              '-1']),
    ('meralg6_batches_per_example_half', ['--model', 'meralg6', '--memories', '20', '--batches_per_example', '0.5']),
    ('eralg4_batch_4', ['--model', 'eralg4', '--memories', '20', '--replay_batch_size', '3', '--batch_size', '4']),
    ('eralg5_batch_4', ['--model', 'eralg5', '--memories', '20', '--replay_batch_size', '3', '--batch_size', '4']),
    ('meralg1_batch_4', ['--model', 'meralg1', '--memories', '20', '--replay_batch_size', '3', '--batch_size', '4']),
    ('meralg6_batch_4', ['--model', 'meralg6', '--memories', '20', '--replay_batch_size', '3', '--batch_size', '4']),
    ('meralg7_batch_4', ['--model', 'meralg7', '--memories', '20', '--replay_batch_size', '3', '--batch_size', '4']),
    ('independent_n_hiddens_below_tasks', ['--model', 'independent', '--n_hiddens', '3']),
    ('independent_n_hiddens_below_tasks_n_layers_0', ['--model', 'independent', '--n_hiddens', '3', '--n_layers',
                                                      '0']),
    ('independent_n_hiddens_below_tasks_n_layers_1', ['--model', 'independent', '--n_hiddens', '3', '--n_layers',
                                                      '1']),
    ('independent_n_hiddens_negative', ['--model', 'independent', '--n_hiddens', '-7']),
    ('taskinput_n_layers_1', ['--model', 'taskinput', '--n_layers', '1']),
    ('taskinput_n_layers_0', ['--model', 'taskinput', '--n_layers', '0']),
    ('taskinput_n_hiddens_0', ['--model', 'taskinput', '--n_hiddens', '0']),
    ('online_n_layers_0', ['--model', 'online', '--n_layers', '0']),
    ('online_n_layers_negative', ['--model', 'online', '--n_layers', '-2']),
    ('online_n_hiddens_0', ['--model', 'online', '--n_hiddens', '0']),
    ('online_n_hiddens_0_n_layers_1', ['--model', 'online', '--n_hiddens', '0', '--n_layers', '1']),
    ('online_n_hiddens_negative', ['--model', 'online', '--n_hiddens', '-1']),
    ('online_n_hiddens_negative_n_layers_0', ['--model', 'online', '--n_hiddens', '-1', '--n_layers', '0']),
    ('online_samples_per_task_0', ['--model', 'online', '--samples_per_task', '0']),
    ('online_samples_per_task_above_task', ['--model', 'online', '--samples_per_task', '1000']),
    ('online_n_epochs_0', ['--model', 'online', '--n_epochs', '0']),
    ('online_n_epochs_negative', ['--model', 'online', '--n_epochs', '-1']),
    ('online_batch_size_0', ['--model', 'online', '--batch_size', '0']),
    ('online_batch_size_negative', ['--model', 'online', '--batch_size', '-2']),
    ('online_log_every_0', ['--model', 'online', '--log_every', '0']),
    ('online_log_every_negative', ['--model', 'online', '--log_every', '-7']),
    ('online_lr_0', ['--model', 'online', '--lr', '0']),
    ('online_lr_negative', ['--model', 'online', '--lr', '-0.1']),
    ('online_seed_negative', ['--model', 'online', '--seed', '-1']),
    ('online_seed_2_32', ['--model', 'online', '--seed', '4294967296']),
    ('online_seed_2_32_minus_1', ['--model', 'online', '--seed', '4294967295']),
]


def child(mer_dir, out_json, argv):
    """Runs main.py in this process with argv; writes what it did to out_json."""
    sys.path.insert(0, HERE)  # the quadprog stand-in
    sys.path.insert(0, mer_dir)
    sys.argv = ['main.py'] + argv
    try:
        g = runpy.run_path(os.path.join(mer_dir, 'main.py'), run_name='__main__')
    except BaseException as e:  # what main.py does with these arguments is the record
        tb = traceback.extract_tb(e.__traceback__)[-1]
        record = {'error': (type(e).__name__ + ': ' + str(e)).splitlines()[0],
                  'at': '%s:%d' % (os.path.relpath(tb.filename, mer_dir) if tb.filename.startswith(mer_dir + os.sep)
                                   else os.path.basename(tb.filename), tb.lineno)}
    else:
        examples = [[int(t), int(i)] for t, i in g['continuum'].permutation]
        order = []
        for t, _ in examples:
            if t not in order:
                order.append(t)
        with open(g['fname'] + '.txt') as f:
            text = f.read()
        record = {'order': order, 'examples': examples,
                  'result_t': [int(t) for t in g['result_t'].tolist()],
                  'result_a': [[float(v) for v in row] for row in g['result_a']],
                  'stats': [float(s) for s in g['stats']], 'txt': text}
    with open(out_json, 'w') as f:
        json.dump(record, f)


def with_common(args):
    """COMMON's flags that args does not give, then args (mer refuses a flag given twice)."""
    out = []
    for i in range(0, len(COMMON), 2):
        if COMMON[i] not in args:
            out += COMMON[i:i + 2]
    return out + args


def run_main(mer_dir, data_dir, argv, timeout=None):
    with tempfile.TemporaryDirectory() as save, tempfile.NamedTemporaryFile(suffix='.json') as out:
        full = argv + ['--data_path', data_dir, '--data_file', DATA_FILE, '--save_path', save]
        try:
            subprocess.run([sys.executable, os.path.abspath(__file__), '--child', mer_dir, out.name] + full,
                           check=True, timeout=timeout, stdout=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return {'error': 'did not end within %d s' % timeout}
        with open(out.name) as f:
            return json.load(f)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == '--child':
        child(sys.argv[2], sys.argv[3], sys.argv[4:])
        return
    if len(sys.argv) != 2 or not os.path.isfile(os.path.join(sys.argv[1], 'main.py')):
        sys.exit('usage: make_reference_fixtures.py MER_DIR (a checkout of mattriemer/MER)')
    mer_dir = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as data_dir:
        first_rows = make_dataset(os.path.join(data_dir, DATA_FILE))
        data = {'seed': DATA_SEED, 'tasks': TASKS, 'train_rows': TRAIN_ROWS, 'test_rows': TEST_ROWS,
                'n_inputs': N_INPUTS, 'first_row_sums': {'train': first_rows[0], 'test': first_rows[1]}}

        os.makedirs(os.path.join(HERE, 'shuffled'), exist_ok=True)
        runs = []
        for name, args in SHUFFLED:
            for seed in SEEDS:
                argv = args + COMMON + ['--shuffle_tasks', 'yes', '--seed', str(seed)]
                r = run_main(mer_dir, data_dir, argv)
                if 'error' in r:
                    sys.exit('%s seed %d failed: %s' % (name, seed, r['error']))
                run = '%s_seed%d' % (name, seed)
                with open(os.path.join(HERE, 'shuffled', run + '.txt'), 'w') as f:
                    f.write(r.pop('txt'))
                runs.append(dict(run=run, arguments=argv, **r))
                print(run, r['order'], 'RA %.4f' % r['stats'][0])
        with open(os.path.join(HERE, 'shuffled', 'runs.json'), 'w') as f:
            json.dump({'data': data, 'runs': runs}, f, indent=1)
            f.write('\n')

        cases = []
        for name, args in EDGE_CASES:
            argv = with_common(args)
            r = run_main(mer_dir, data_dir, argv, EDGE_TIMEOUT)
            if 'error' in r:
                outcome = {'fails': r['error']}
                if 'at' in r:
                    outcome['at'] = r['at']
            else:
                outcome = {'runs': True, 'result_t': r['result_t'],
                           'result_a_shape': [len(r['result_a']), len(r['result_a'][0])]}
            cases.append(dict(name=name, arguments=argv, flags=[a[2:] for a in args if a.startswith('--')], **outcome))
            print(name, outcome.get('fails', 'runs'))
        with open(os.path.join(HERE, 'edge_cases.json'), 'w') as f:
            json.dump({'data': data, 'cases': cases}, f, indent=1)
            f.write('\n')


if __name__ == '__main__':
    main()
