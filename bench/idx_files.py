"""IDX files (MNIST's format), read with the standard library: shared by the bench scripts.

read(directory, name, prog) finds NAME or NAME.gz in DIRECTORY and returns (shape, body): the
dimensions from the header and the raw uint8 values after it.
"""
import gzip
import os
import sys


def read(directory, name, prog):
    for candidate in (name, name + '.gz'):
        path = os.path.join(directory, candidate)
        if os.path.exists(path):
            opener = gzip.open if candidate.endswith('.gz') else open
            with opener(path, 'rb') as f:
                data = f.read()
            break
    else:
        sys.exit('%s: no %s[.gz] in %s' % (prog, name, directory))
    dims = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims))
    return shape, data[4 + 4 * dims:]
