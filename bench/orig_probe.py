#!/usr/bin/python3
"""Times the original main.py (github.com/mattriemer/MER) step by step over a short stretch.

    /usr/bin/python3 bench/orig_probe.py MER_DIR OUT.json BUDGET_S -- MAIN_PY_ARGS...

Runs MER_DIR/main.py, unmodified, in this process (as main.py itself would run, from MER_DIR), with
the model class it imports wrapped so as to record:
- each call of observe() (one example with --batch_size 1): its task, the size of the replay
  memory (len(model.M), for the replay models) and its duration;
- each evaluation: main.py's eval_tasks begins with model.eval() and the next training call begins
  with model.train(), so an evaluation lasts from one to the other.
After BUDGET_S / 2 seconds of training, a replay model's memory is filled to --memories by
repeating the items it holds (the cost of a replay step depends on the memory's size: the
original reshuffles the whole memory before each draw), so that the second half of the stretch
measures the cost of a full memory (or after BUDGET_S seconds, evaluations included, if that comes
first). After BUDGET_S seconds of training, or 2 x BUDGET_S in all (evaluations included) once the
memory is full and two evaluations are recorded, the run is stopped. The
record (JSON) has the examples, the evaluations and when the memory was filled. Writes nothing
into MER_DIR but what main.py writes (its results go to --save_path).
"""
import importlib
import json
import os
import runpy
import sys
import time


class StopProbe(Exception):
    pass


def main():
    if len(sys.argv) < 5 or sys.argv[4] != '--':
        sys.exit(__doc__)
    mer_dir, out_path, budget = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), float(sys.argv[3])
    argv = sys.argv[5:]
    memories = None
    if '--memories' in argv:
        memories = int(argv[argv.index('--memories') + 1])
    record = {'examples': [], 'evaluations': [], 'filled_at': None, 'stopped': False, 'argv': argv}
    state = {'train_s': 0.0, 'eval_start': None, 'start': None}

    real_import = importlib.import_module

    def import_module(name, *a, **k):
        module = real_import(name, *a, **k)
        if name.startswith('model.') and hasattr(module, 'Net') and not getattr(module.Net, '_probed', False):
            wrap(module.Net)
        return module

    def wrap(cls):
        cls._probed = True
        observe, train, ev = cls.observe, cls.train, cls.eval

        def eval_(self):
            state['eval_start'] = time.perf_counter()
            return ev(self)

        def train_(self, mode=True):
            if mode and state['eval_start'] is not None:
                record['evaluations'].append(time.perf_counter() - state['eval_start'])
                state['eval_start'] = None
            return train(self, mode)

        def observe_(self, x, t, y):
            m = len(self.M) if hasattr(self, 'M') else None
            t0 = time.perf_counter()
            if state['start'] is None:
                state['start'] = t0
            r = observe(self, x, t, y)
            dt = time.perf_counter() - t0
            state['train_s'] += dt
            record['examples'].append([int(t), m, dt])
            wall = time.perf_counter() - state['start']
            if (memories and hasattr(self, 'M') and record['filled_at'] is None and 0 < len(self.M) < memories
                    and (state['train_s'] > budget / 2 or wall > budget)):
                held = list(self.M)
                while len(self.M) < memories:
                    self.M.append(held[len(self.M) % len(held)])
                self.age = max(self.age, memories)
                record['filled_at'] = len(record['examples'])
            full = not memories or not hasattr(self, 'M') or len(self.M) >= memories
            if state['train_s'] > budget or (wall > 2 * budget and full and len(record['evaluations']) >= 2):
                record['stopped'] = True
                raise StopProbe()
            return r

        cls.eval, cls.train, cls.observe = eval_, train_, observe_

    importlib.import_module = import_module
    os.chdir(mer_dir)
    sys.path.insert(0, mer_dir)
    sys.argv = ['main.py'] + argv
    try:
        runpy.run_path(os.path.join(mer_dir, 'main.py'), run_name='__main__')
    except StopProbe:
        pass
    finally:
        os.chdir(os.path.dirname(os.path.abspath(out_path)) or '.')
        with open(os.path.abspath(out_path), 'w') as f:
            json.dump(record, f)


if __name__ == '__main__':
    main()
