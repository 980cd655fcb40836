#!/usr/bin/python3
"""Makes the small .pt fixtures of mer-convert's tests with real PyTorch, and a sidecar JSON per
fixture holding the values torch sees (torch.load of the file), so the Java tests compare every
converted value. Run with Debian's torch (python3-torch 1.13):

    /usr/bin/python3 convert/scripts/make_fixtures.py convert/src/test/resources/fixtures

Deterministic: fixed seeds, fixed angles. The hand-built files write pickle opcodes directly,
as torch 0.3.1 under Python 2 did (SHORT_BINSTRING strings, _rebuild_tensor v1).
"""
import base64
import json
import os
import struct
import sys

import torch

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
D = 100          # inputs per row (10x10): small fixtures, same code paths as 784
N_TR, N_TE = 20, 5


def k255(gen, n, d):
    """float32 values exactly k/255, as GEM's x.float()/255."""
    return torch.randint(0, 256, (n, d), generator=gen, dtype=torch.uint8).float() / 255


def save(obj, name, legacy):
    path = os.path.join(OUT, name)
    torch.save(obj, path, _use_new_zipfile_serialization=not legacy)
    return path


def floats(x):
    """x as torch sees it, as float32 (uint8 k as k/255), row-major little-endian, base64."""
    xf = x.float().div(255) if x.dtype == torch.uint8 else x
    return base64.b64encode(xf.contiguous().numpy().astype("<f4").tobytes()).decode("ascii")


def sidecar(name, path, encoding, shape):
    """What torch.load sees, as JSON: every x value (float32 bits) and every label."""
    obj = torch.load(path)
    if isinstance(obj, tuple) and len(obj) == 2 and torch.is_tensor(obj[0]):
        x, y = obj
        splits = {"train": [{"descriptor": None, "rows": len(x), "x": floats(x), "y": y.tolist()}], "test": []}
    else:
        splits = {}
        for split, tasks in zip(("train", "test"), obj):
            splits[split] = [{"descriptor": list(d) if isinstance(d, tuple) else d, "rows": len(x),
                              "x": floats(x), "y": y.tolist()} for d, x, y in tasks]
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump({"file": os.path.basename(path), "encoding": encoding, "shape": shape,
                   "splits": splits}, f, indent=1)


def rotations(gen):
    # GEM's mnist_rotations.py: one y tensor shared by every task (one storage, memo references)
    y_tr = torch.randint(0, 10, (N_TR,), generator=gen)
    y_te = torch.randint(0, 10, (N_TE,), generator=gen)
    angles = [0.0, 33.71542918, 171.25]
    tr = [[a, k255(gen, N_TR, D), y_tr] for a in angles]
    te = [[a, k255(gen, N_TE, D), y_te] for a in angles]
    return [tr, te]


def permutations(gen):
    # every task its own y (a clone), descriptor string as GEM's mnist_permutations.py
    tr, te = [], []
    for _ in range(3):
        tr.append(['random permutation', k255(gen, N_TR, D), torch.randint(0, 10, (N_TR,), generator=gen)])
        te.append(['random permutation', k255(gen, N_TE, D), torch.randint(0, 10, (N_TE,), generator=gen)])
    return (tr, te)


def views(gen):
    # every task's x and y is a slice of one big tensor: storage offsets > 0, one storage each
    big_x = k255(gen, 3 * (N_TR + N_TE), D)
    big_y = torch.randint(0, 10, (3 * (N_TR + N_TE),), generator=gen)
    tr, te = [], []
    for t in range(3):
        a = t * N_TR
        tr.append([(2 * t, 2 * t + 2), big_x[a:a + N_TR], big_y[a:a + N_TR]])
        b = 3 * N_TR + t * N_TE
        te.append([(2 * t, 2 * t + 2), big_x[b:b + N_TE], big_y[b:b + N_TE]])
    return [tr, te]


def noisy(gen):
    # values that are not k/255: --encoding auto must keep float32
    tr = [[float(t), torch.rand(N_TR, D, generator=gen), torch.randint(0, 10, (N_TR,), generator=gen)]
          for t in range(2)]
    te = [[float(t), torch.rand(N_TE, D, generator=gen), torch.randint(0, 10, (N_TE,), generator=gen)]
          for t in range(2)]
    return [tr, te]


# --- hand-built legacy files: pickle opcodes written directly, as torch 0.3.1 under Python 2 ---

MAGIC = b"\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19\x2e"
VERSION = b"\x80\x02\x4d\xe9\x03\x2e"


class P:
    """A tiny pickle-opcode writer (protocol 2, Python 2 flavour)."""

    def __init__(self):
        self.b = bytearray(b"\x80\x02")
        self.memo = 0

    def put(self):  # BINPUT, or LONG_BINPUT past 255 as Python's pickler does
        self.b += b"q" + bytes([self.memo]) if self.memo < 256 else b"r" + struct.pack("<I", self.memo)
        self.memo += 1
        return self.memo - 1

    def get(self, i):
        self.b += b"h" + bytes([i]) if i < 256 else b"j" + struct.pack("<I", i)

    def s(self, text):  # Python 2 str: SHORT_BINSTRING
        raw = text.encode("ascii")
        self.b += b"U" + bytes([len(raw)]) + raw

    def i(self, v):
        if 0 <= v < 256:
            self.b += b"K" + bytes([v])
        elif 0 <= v < 65536:
            self.b += b"M" + struct.pack("<H", v)
        elif -2**31 <= v < 2**31:
            self.b += b"J" + struct.pack("<i", v)
        else:  # Python 2 long: LONG1
            raw = v.to_bytes((v.bit_length() + 8) // 8, "little", signed=True)
            self.b += b"\x8a" + bytes([len(raw)]) + raw

    def f(self, v):
        self.b += b"G" + struct.pack(">d", v)

    def glob(self, module, name):
        self.b += b"c" + module.encode() + b"\n" + name.encode() + b"\n"
        return self.put()

    def op(self, code):
        self.b += code

    def stop(self):
        self.b += b"."
        return bytes(self.b)


def sys_info():
    p = P()
    p.op(b"}")
    p.put()
    p.op(b"(")
    p.s("protocol_version"); p.i(1001)
    p.s("little_endian"); p.op(b"\x88")
    p.s("type_sizes"); p.op(b"}"); p.put(); p.op(b"(")
    p.s("short"); p.i(2); p.s("int"); p.i(4); p.s("long"); p.i(4)
    p.op(b"u")
    p.op(b"u")
    return p.stop()


def v1_file(name, tasks_tr, tasks_te, numel_override=None, extra_global=None):
    """[tasks_tr, tasks_te] with _rebuild_tensor (v1) tensors; storages keyed by fake pointers."""
    storages = {}  # key -> (class name, tensor)
    p = P()
    rebuild = None
    cls_memo = {}
    key_memo = {}
    if extra_global:
        p.glob(*extra_global)
        p.op(b"(")
        p.s("echo pwned")
        p.op(b"tR")

    def tensor(t, key):
        nonlocal rebuild
        if rebuild is None:
            rebuild = p.glob("torch._utils", "_rebuild_tensor")
        else:
            p.get(rebuild)
        p.op(b"(")
        # persistent id ('storage', FloatStorage, key, 'cpu', numel, None)
        p.op(b"(")
        p.s("storage")
        cls = {torch.float32: "FloatStorage", torch.int64: "LongStorage", torch.uint8: "ByteStorage"}[t.dtype]
        if cls in cls_memo:
            p.get(cls_memo[cls])
        else:
            cls_memo[cls] = p.glob("torch", cls)
        p.s(key)
        p.s("cpu")
        numel = t.numel() if numel_override is None else numel_override
        p.i(numel)
        p.op(b"N")
        p.op(b"t")
        p.put()
        p.op(b"Q")
        p.i(0)  # storage offset
        p.op(b"(")
        for s in t.shape:
            p.i(s)
        p.op(b"t")
        p.put()
        p.op(b"(")
        for s in t.stride():
            p.i(s)
        p.op(b"t")
        p.put()
        p.op(b"t")
        p.put()
        p.op(b"R")
        p.put()
        storages[key] = (cls, t)

    p.op(b"]"); p.put(); p.op(b"(")
    for tasks, base in ((tasks_tr, 140000000), (tasks_te, 150000000)):
        p.op(b"]"); p.put(); p.op(b"(")
        y_memo = {}
        for j, (desc, x, y) in enumerate(tasks):
            p.op(b"]"); p.put(); p.op(b"(")
            p.f(desc)
            tensor(x, str(base + 1000 * j))
            if id(y) in y_memo:  # the shared y: a memo reference, as Python's pickler emits
                p.get(y_memo[id(y)])
            else:
                tensor(y, str(base + 999999))
                y_memo[id(y)] = p.memo - 1
            p.op(b"e")
        p.op(b"e")
    p.op(b"e")
    main = p.stop()

    keys = sorted(storages)
    k = P()
    k.op(b"]"); k.put(); k.op(b"(")
    for key in keys:
        k.s(key)
    k.op(b"e")
    key_pickle = k.stop()

    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(MAGIC + VERSION + sys_info() + main + key_pickle)
        for key in keys:
            t = storages[key][1].contiguous()
            f.write(struct.pack("<q", t.numel()))
            f.write(t.numpy().tobytes())
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    gen = torch.Generator().manual_seed(20190506)

    for fmt, legacy in (("zip", False), ("legacy", True)):
        g = torch.Generator().manual_seed(1)
        path = save(rotations(g), "rotations_%s.pt" % fmt, legacy)
        sidecar("rotations_%s" % fmt, path, "uint8", [10, 10])
        g = torch.Generator().manual_seed(2)
        path = save(permutations(g), "permutations_%s.pt" % fmt, legacy)
        sidecar("permutations_%s" % fmt, path, "uint8", [10, 10])
        g = torch.Generator().manual_seed(3)
        path = save(views(g), "views_%s.pt" % fmt, legacy)
        sidecar("views_%s" % fmt, path, "uint8", [10, 10])

    # GEM's raw MNIST form: (x uint8 N x 28 x 28, y int64 N), as mnist_train.pt
    x = torch.randint(0, 256, (12, 28, 28), generator=gen, dtype=torch.uint8)
    y = torch.randint(0, 10, (12,), generator=gen)
    path = save((x, y), "gem_raw.pt", False)
    sidecar("gem_raw", path, "uint8", [28, 28])

    path = save(noisy(gen), "noisy.pt", False)
    sidecar("noisy", path, "float32", [10, 10])

    # torch 0.3.1-style: _rebuild_tensor v1, Python 2 strings, shared y by memo reference
    g = torch.Generator().manual_seed(4)
    y_tr = torch.randint(0, 10, (N_TR,), generator=g)
    y_te = torch.randint(0, 10, (N_TE,), generator=g)
    tr = [[a, k255(g, N_TR, D), y_tr] for a in (12.5, 99.0)]
    te = [[a, k255(g, N_TE, D), y_te] for a in (12.5, 99.0)]
    path = v1_file("rotations_v1.pt", tr, te)
    sidecar("rotations_v1", path, "uint8", [10, 10])

    # bad inputs
    torch.save(torch.nn.Linear(4, 2).state_dict(), os.path.join(OUT, "state_dict.pt"))
    v1_file("evil.pt", tr[:1], te[:1], extra_global=("os", "system"))
    v1_file("huge_storage.pt", tr[:1], te[:1], numel_override=10**12)
    huge_zip(os.path.join(OUT, "huge_storage_zip.pt"))
    # a column-major X (a transposed view): not streamable row by row, refused with a clear error
    xt = k255(g, D, N_TR).t()
    torch.save([[[0.0, xt, y_tr]], [[0.0, k255(g, N_TE, D), y_te]]], os.path.join(OUT, "transposed.pt"))


def huge_zip(path):
    """A zip-format file whose pickle declares a storage far larger than its record."""
    import zipfile
    x = torch.zeros(10, 100)  # numel 1000: BININT2 e8 03 in the persistent id
    torch.save([[[0.5, x, torch.zeros(10, dtype=torch.long)]], [[0.5, x, torch.zeros(10, dtype=torch.long)]]], path)
    with zipfile.ZipFile(path) as z:
        records = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, data in records:
            if name.endswith("/data.pkl"):
                assert data.count(b"M\xe8\x03") == 1, data
                data = data.replace(b"M\xe8\x03", b"J" + struct.pack("<i", 10**9))
            z.writestr(name, data)


if __name__ == "__main__":
    main()
