#!/usr/bin/python3
"""GEM's rotation angles once Python's random is seeded, for GemAnglesTest.

GEM's data/mnist_rotations.py draws task t's angle with random.random() in the t-th of N equal
slices of [min_rot, max_rot) but never calls random.seed. This script does that arithmetic after
random.seed(seed), which is what `mer generate --rotations N --min-rot A --max-rot B --seed S`
reproduces. Lines: N MIN MAX SEED ANGLE0,ANGLE1,... (Python repr, exact).

    /usr/bin/python3 generate/scripts/make_gem_angles_fixture.py \
        > generate/src/test/resources/dev/mer/generate/gem-angles.txt
"""
import random
import sys

CASES = [(20, 0.0, 180.0, 0), (10, 0.0, 90.0, 1), (3, -45.0, 45.0, 12345), (7, 10.0, 10.5, 2**40 + 3)]


def main():
    print(f"# Python {sys.version.split()[0]}; made by generate/scripts/make_gem_angles_fixture.py")
    for n_tasks, lo, hi, seed in CASES:
        random.seed(seed)
        angles = []
        for t in range(n_tasks):
            min_rot = 1.0 * t / n_tasks * (hi - lo) + lo
            max_rot = 1.0 * (t + 1) / n_tasks * (hi - lo) + lo
            angles.append(random.random() * (max_rot - min_rot) + min_rot)
        print(n_tasks, repr(lo), repr(hi), seed, ",".join(repr(a) for a in angles))


if __name__ == "__main__":
    main()
