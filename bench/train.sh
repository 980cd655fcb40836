#!/usr/bin/env bash
# Speed of `mer train` per model with the paper's settings for MNIST Rotations (mer_examples.sh),
# on a 20-task rotations set made from Debian's Fashion-MNIST (60,000 train / 10,000 test rows per
# task, so one evaluation covers 20 x 10,000 test rows). SAMPLES examples per task (default 100;
# the paper uses 1000) keep the run short. Evaluations run on a second thread, overlapping training:
# examples/s is over the whole wall time, and s/eval is the mean time of one evaluation on its thread.
#
# Usage: bench/train.sh [MODEL...]     MER overrides the command; SAMPLES, DATA as below.
set -euo pipefail
cd "$(dirname "$0")/.."
MER=${MER:-./mer}
SAMPLES=${SAMPLES:-100}
DATA=${DATA:-${TMPDIR:-/tmp}/mer-bench-train/fashion_rotations}
SRC=/usr/share/datasets/fashion-mnist
[ -f "$SRC/train-images-idx3-ubyte.gz" ] || { echo "bench: $SRC missing: install Debian package dataset-fashion-mnist" >&2; exit 1; }
[ -d "$DATA" ] || $MER generate --rotations 20 --source "$SRC" --out "$DATA" >&2
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(online independent taskinput ewc gem eralg4 eralg5 meralg1 meralg6 meralg7)
. bench/paper-args.sh
out=$(mktemp -d)
printf '%-12s %10s %10s %12s %10s %8s %14s\n' model examples wall_s examples/s s/eval evals train_ex/s
for m in "${models[@]}"; do
  # shellcheck disable=SC2086
  $MER train --data "$DATA" --model "$m" $(rotation_args "$m") --samples_per_task "$SAMPLES" --n_layers 2 --n_hiddens 100 \
      --batch_size 1 --log_every 100 --save_path "$out/$m" >/dev/null 2>&1
  json=$(ls "$out/$m"/*.json)
  python3 - "$json" "$m" <<'PY'
import json, os, sys
r = json.load(open(sys.argv[1]))
t = r["timing"]; n = len(r["evaluations"])
# train_ex/s: examples per second of training alone, meaningful with MER_OVERLAP_EVALUATION=0 (evaluations
# in line, so wall = training + evaluation); with overlapping evaluations it is left out
overlap = os.environ.get("MER_OVERLAP_EVALUATION", "1") != "0"
train = "-" if overlap else "%.0f" % (r["examples"] / max(1e-9, t["seconds"] - t["evaluation_seconds"]))
print("%-12s %10d %10.1f %12.0f %10.3f %8d %14s" % (sys.argv[2], r["examples"], t["seconds"], r["examples"] / t["seconds"], t["evaluation_seconds"] / n, n, train))
PY
done
rm -rf "$out"
