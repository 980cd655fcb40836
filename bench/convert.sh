#!/usr/bin/env bash
# mer convert throughput and peak memory on a GEM-like 4.4 GB file, in both torch.save formats.
#
# Makes (once) a file shaped like MER's mnist_rotations.pt: [tasks_tr, tasks_te], 20 tasks of
# 60,000 + 10,000 rows x 784 float32 values k/255 (synthetic pixels, one shared y per split as
# GEM's scripts do), saved by Debian's torch in the zip format and the legacy format
# (_use_new_zipfile_serialization=False, as torch 0.3.1 wrote MER's files). Then converts each
# file and prints wall time, input MB/s and peak RSS (from /usr/bin/time).
#
# Usage: bench/convert.sh [WORKDIR]      (default ${TMPDIR:-/tmp}/mer-bench-convert; needs ~11 GB)
#   MER=/path/to/mer-launcher   the mer command to run (default: ./mer, which builds if needed)
#   PYTHON=/usr/bin/python3     a Python with torch, only to make the input files
#   TASKS=20                    number of tasks (20 -> 4.4 GB per file)
# The files are read from the page cache when the machine has the RAM (the usual case right after
# making them); drop caches first (sync; echo 3 > /proc/sys/vm/drop_caches) for a cold-disk figure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-${TMPDIR:-/tmp}/mer-bench-convert}"
mer="${MER:-$root/mer}"
python="${PYTHON:-/usr/bin/python3}"
tasks="${TASKS:-20}"
mkdir -p "$work"

if [ ! -f "$work/gem_like_zip.pt" ] || [ ! -f "$work/gem_like_legacy.pt" ]; then
  echo "making $work/gem_like_{zip,legacy}.pt with torch ($tasks tasks)..." >&2
  "$python" - "$work" "$tasks" <<'PY'
import random, sys, torch
out, n_tasks = sys.argv[1], int(sys.argv[2])
torch.manual_seed(0)
random.seed(0)
y_tr = torch.randint(0, 10, (60000,))
y_te = torch.randint(0, 10, (10000,))
tasks_tr, tasks_te = [], []
for t in range(n_tasks):
    angle = random.random() * 180  # GEM: min_rot + (max_rot - min_rot) / n_tasks * t + random offset
    x_tr = torch.randint(0, 256, (60000, 784), dtype=torch.uint8).float().div_(255)
    x_te = torch.randint(0, 256, (10000, 784), dtype=torch.uint8).float().div_(255)
    tasks_tr.append([angle, x_tr, y_tr])
    tasks_te.append([angle, x_te, y_te])
torch.save([tasks_tr, tasks_te], out + "/gem_like_zip.pt")
torch.save([tasks_tr, tasks_te], out + "/gem_like_legacy.pt", _use_new_zipfile_serialization=False)
PY
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other jobs share the machine)"
printf '%-8s %-8s %10s %8s %10s %12s\n' format encoding "size(MB)" "time(s)" "MB/s" "peakRSS(MB)"
for run in legacy:auto zip:auto zip:float32; do
  fmt="${run%:*}" enc="${run#*:}"
  in="$work/gem_like_$fmt.pt"
  size=$(stat -c %s "$in")
  sync; cat "$in" > /dev/null  # same start for every run: input in the page cache, no pending writes
  /usr/bin/time -f '%e %M' -o "$work/time_${fmt}_$enc" "$mer" convert "$in" --encoding "$enc" \
    --out "$work/out_${fmt}_$enc" --force > "$work/report_${fmt}_$enc" 2> "$work/stderr_${fmt}_$enc" \
    || { cat "$work/stderr_${fmt}_$enc" >&2; exit 1; }
  read -r secs kb < "$work/time_${fmt}_$enc"
  awk -v f="$fmt" -v e="$enc" -v s="$size" -v t="$secs" -v k="$kb" \
    'BEGIN { printf "%-8s %-8s %10.0f %8.2f %10.0f %12.0f\n", f, e, s/1e6, t, s/1e6/t, k/1024 }'
  rm -rf "$work/out_${fmt}_$enc"
done
cat "$work/report_legacy_auto"
