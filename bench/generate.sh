#!/usr/bin/env bash
# Speed and memory of `mer generate` on real data: Fashion-MNIST from Debian (60,000 + 10,000
# images, 28x28), median wall time and peak RSS of RUNS runs per configuration, whole process
# (JVM start, reading and checking the gzip'd IDX files, generating, writing, fsync). The output
# directory is removed before each run, outside the timing.
#
# Usage: bench/generate.sh                 (RUNS=5; MANY=1 adds 100 many-permutation tasks, 5.5 GB;
#                                           REFERENCE=1 times GEM's per-image Pillow loop on one task)
# MER overrides the command, e.g. MER="java --add-opens=java.base/java.nio=ALL-UNNAMED -jar cli/target/mer.jar".
set -euo pipefail
cd "$(dirname "$0")/.."
MER=${MER:-./mer}
RUNS=${RUNS:-5}
SRC=${SRC:-/usr/share/datasets/fashion-mnist}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/mer-bench-generate.XXXXXX")}
[ -f "$SRC/train-images-idx3-ubyte.gz" ] || { echo "bench: $SRC missing: install Debian package dataset-fashion-mnist" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time missing: apt-get install time" >&2; exit 1; }
$MER --version >/dev/null # builds mer first if needed, outside the timing

median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

# name|arguments; runs are interleaved (run 1 of each, then run 2 of each...) so that noise from
# other processes on the machine spreads over all configurations alike.
configs=(
  "--rotations 20 (70k images × 20 tasks)|--rotations 20 --source $SRC"
  "--rotations 20 --threads 1|--rotations 20 --threads 1 --source $SRC"
  "--permutations 20|--permutations 20 --source $SRC"
  "--rotations 20 --source sample (10k images)|--rotations 20 --source sample"
)
if [ "${MANY:-0}" = 1 ]; then
  configs+=("--many-permutations 100 (5.5 GB of pixels)|--many-permutations 100 --source $SRC")
fi

declare -A times rss size
for ((i = 0; i < RUNS; i++)); do
  for c in "${configs[@]}"; do
    name=${c%%|*}
    rm -rf "$OUT/set"
    /usr/bin/time -f "%e %M" -o "$OUT/time" $MER generate ${c#*|} --out "$OUT/set" --no-progress >/dev/null
    read -r t m <"$OUT/time"
    times[$name]+="$t "; rss[$name]+="$m "
    size[$name]=$(du -sb "$OUT/set" | cut -f1)
  done
done
rm -rf "$OUT/set"

echo "mer generate, $(nproc) cores, $(java -version 2>&1 | head -1), source $SRC, $RUNS runs each, $(date -u +%F)"
echo
echo "| configuration | median wall | slowest | median peak RSS | output on disk |"
echo "|---|---|---|---|---|"
for c in "${configs[@]}"; do
  name=${c%%|*}
  printf '| %s | %s s | %s s | %.0f MB | %.2f GB |\n' "$name" \
    "$(tr ' ' '\n' <<<"${times[$name]}" | grep . | median)" "$(tr ' ' '\n' <<<"${times[$name]}" | grep . | sort -g | tail -1)" \
    "$(tr ' ' '\n' <<<"${rss[$name]}" | grep . | median | awk '{print $1/1024}')" "$(awk -v b="${size[$name]}" 'BEGIN {print b/1e9}')"
done

if [ "${REFERENCE:-0}" = 1 ]; then
  echo
  echo "GEM's per-image loop (Image.fromarray(img, 'L').rotate(angle), then ToTensor as /255 in float32),"
  echo "one task of 70,000 images, Debian python3 $(/usr/bin/python3 -c 'import PIL, torch; print("Pillow", PIL.__version__, "torch", torch.__version__)'):"
  /usr/bin/python3 - "$SRC" <<'PY'
import gzip, sys, time
import numpy as np, torch
from PIL import Image
def images(name):
    with gzip.open(f"{sys.argv[1]}/{name}", "rb") as f:
        d = f.read()
    n = int.from_bytes(d[4:8], "big")
    return np.frombuffer(d[16:], np.uint8).reshape(n, 28, 28)
x = np.concatenate([images("train-images-idx3-ubyte.gz"), images("t10k-images-idx3-ubyte.gz")])
start = time.perf_counter()
result = torch.FloatTensor(x.shape[0], 784)
for i in range(x.shape[0]):
    img = Image.fromarray(x[i], mode="L").rotate(4.33)
    result[i] = torch.from_numpy(np.asarray(img, np.uint8).copy()).float().div(255).view(784)
s = time.perf_counter() - start
print(f"{s:.1f} s for one task, so about {20 * s:.0f} s for 20 tasks (one core)")
PY
fi
