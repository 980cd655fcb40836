#!/usr/bin/env bash
# mer against the original code (MER's main.py), side by side, on the same data.
#
# Usage: bench/vs-original.sh MER_CHECKOUT [MODEL[@SAMPLES]...]
#
# MER_CHECKOUT is a checkout of github.com/mattriemer/MER (main.py, model/, metrics/); it is only
# run, never copied. Each MODEL runs with mer_examples.sh's MNIST Rotations flags (read from the grid
# file by bench/paper-args.sh, as bench/train.sh) and the script's common flags (--n_layers 2 --n_hiddens 100 --batch_size 1
# --log_every 100 --seed 0), SAMPLES examples per task (default 100), on both sides:
#   mer:      mer train --data WORK/data/mnist_rotations ...
#   original: cd MER_CHECKOUT && /usr/bin/python3 main.py --data_path WORK/data --data_file mnist_rotations.pt --cuda no ...
# The data: a 20-task MNIST Rotations set from mer's embedded sample of real MNIST digits (8,000
# train / 2,000 test images per task). `mer generate --rotations 20 --source sample` draws the
# angles; bench/make_pt.py rotates the sample's IDX images by those angles with Pillow
# into a .pt in GEM's layout ([[angle, x_tr, y_tr] per task], [[angle, x_te, y_te] per task]), which
# the original reads; `mer convert` turns that .pt into the task-set mer reads: identical data.
#
# Default models: online independent taskinput ewc gem@256 eralg4 eralg5 meralg1 meralg1@25 meralg6
# meralg7. gem runs at 256 examples per task: the original's gem keeps --n_memories 256 examples per
# task in uninitialised tensors, and with fewer examples per task it trains on garbage labels and
# fails ("IndexError: Target 83 is out of bounds"), so 256 is the fewest the paper's gem row runs at.
#
# Each (model, side) runs N times (default 3), interleaved (mer then original, then original then
# mer, ...). Wall time is the whole process (JVM or Python start, loading the data, training,
# writing results), measured with date +%s.%N; "run" is the time the program itself reports for
# training and evaluating (the original's one-liner's last field, time.time() around
# life_experience; mer's result JSON timing.seconds). A run counts only when its result files
# appear (mer: .json; original: .txt and .pt), so a crash is never timed as a fast run: the script
# stops, showing the end of the log.
#
# Environment: N (repeats, default 3; a model whose original run took more than MAX_REPEAT_S seconds,
# default 300, is not repeated: meralg1 at 100 examples per task took 16 minutes on 2 loaded cores), WORK (data and logs, default ${TMPDIR:-/tmp}/mer-bench-vs-original;
# the data is made once and reused), PY (default /usr/bin/python3: needs torch, numpy, Pillow, and
# scipy for gem), QUADPROG_DIR (a directory with a quadprog module for the original's gem; default
# the repository's stand-in, train/src/test/resources/reference), MER (default ./mer).
# MER_JAVA_OPTS (passed to mer's JVM, none by default).
# Skips (exit 0, saying why) when MER_CHECKOUT has no main.py or PY lacks torch.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
MER=${MER:-./mer}
N=${N:-3}
MAX_REPEAT_S=${MAX_REPEAT_S:-300}
PY=${PY:-/usr/bin/python3}
WORK=${WORK:-${TMPDIR:-/tmp}/mer-bench-vs-original}
QUADPROG_DIR=${QUADPROG_DIR:-$REPO/train/src/test/resources/reference}

if [ $# -lt 1 ] || [ ! -f "${1:-}/main.py" ] || [ ! -d "${1:-}/model" ]; then
  echo "vs-original: skipped: give a checkout of github.com/mattriemer/MER (with main.py and model/) as the first argument${1:+ (no main.py in $1)}" >&2
  exit 0
fi
ORIG=$(cd "$1" && pwd); shift
if ! "$PY" -c 'import torch, numpy, PIL' 2>/dev/null; then
  echo "vs-original: skipped: $PY cannot import torch, numpy and PIL (Debian: apt-get install python3-torch python3-pil)" >&2
  exit 0
fi
HAVE_SCIPY=1; "$PY" -c 'import scipy' 2>/dev/null || HAVE_SCIPY=0

models=("$@")
[ ${#models[@]} -gt 0 ] || models=(online independent taskinput ewc gem@256 eralg4 eralg5 meralg1 meralg1@25 meralg6 meralg7)
. bench/paper-args.sh
for spec in "${models[@]}"; do
  m=${spec%@*}
  rotation_args "$m" >/dev/null || exit 2
  if [ "$m" = gem ] && [ $HAVE_SCIPY = 0 ]; then
    echo "vs-original: $PY lacks scipy, which the quadprog stand-in needs for the original's gem (apt-get install python3-scipy)" >&2; exit 1
  fi
done

# --- the data, made once ---
DATA=$WORK/data
mkdir -p "$DATA" "$WORK/runs"
if [ ! -f "$DATA/mnist_rotations.pt" ] || [ ! -d "$DATA/mnist_rotations" ]; then
  echo "vs-original: making the data in $DATA" >&2
  rm -rf "$DATA/generated" "$DATA/mnist_rotations" "$DATA/mnist_rotations.pt"
  $MER generate --rotations 20 --source sample --out "$DATA/generated" >&2
  $MER info --json "$DATA/generated" > "$DATA/generated.json"
  "$PY" bench/make_pt.py generate/src/main/resources/dev/mer/generate/sample "$DATA/generated.json" \
      "$DATA/mnist_rotations.pt" >&2
  $MER convert "$DATA/mnist_rotations.pt" --out "$DATA/mnist_rotations" >&2
  rm -rf "$DATA/generated"
fi

COMMON="--n_layers 2 --n_hiddens 100 --batch_size 1 --log_every 100 --seed 0"
TIMES=$WORK/times.tsv
printf 'model\tsamples\trep\tside\twall_s\trun_s\n' > "$TIMES"

now() { date +%s.%N; }

# run_side SIDE MODEL SAMPLES REP: runs one side once, appends a line to TIMES
run_side() {
  local side=$1 m=$2 n=$3 rep=$4
  local out=$WORK/runs/$side/${m}_$n/$rep
  rm -rf "$out"; mkdir -p "$out"
  local log=$out/log t0 t1 run
  if [ "$side" = mer ]; then
    t0=$(now)
    # shellcheck disable=SC2086
    $MER train --data "$DATA/mnist_rotations" --model "$m" $(rotation_args "$m") $COMMON --samples_per_task "$n" \
        --save_path "$out" --no-pt >"$log" 2>&1 || true
    t1=$(now)
    local json
    json=$(ls "$out"/*.json 2>/dev/null | head -1)
    if [ -z "$json" ]; then echo "vs-original: mer $m ($n per task) wrote no result file; its log ($log):" >&2; tail -20 "$log" >&2; exit 1; fi
    run=$("$PY" -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["timing"]["seconds"])' "$json")
  else
    t0=$(now)
    # shellcheck disable=SC2086
    (cd "$ORIG" && PYTHONPATH="$QUADPROG_DIR${PYTHONPATH:+:$PYTHONPATH}" "$PY" main.py --model "$m" $(rotation_args "$m") $COMMON \
        --samples_per_task "$n" --data_path "$DATA" --data_file mnist_rotations.pt --save_path "$out/" --cuda no) \
        >"$log" 2>&1 || true
    t1=$(now)
    if ! ls "$out"/*.txt >/dev/null 2>&1 || ! ls "$out"/*.pt >/dev/null 2>&1; then
      echo "vs-original: the original's $m ($n per task) wrote no result file; its log ($log):" >&2; tail -20 "$log" >&2; exit 1
    fi
    run=$(tail -1 "$log" | sed 's/.* # //')
  fi
  printf '%s\t%s\t%s\t%s\t%.3f\t%s\n' "$m" "$n" "$rep" "$side" "$(echo "$t1 - $t0" | bc)" "$run" >> "$TIMES"
  printf 'vs-original: %-10s %4s/task  rep %s  %-8s  wall %7.1f s  run %7.1f s\n' "$m" "$n" "$rep" "$side" "$(echo "$t1 - $t0" | bc)" "$run" >&2
}

echo "vs-original: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; N=$N; original: $ORIG" >&2
for spec in "${models[@]}"; do
  m=${spec%@*}; n=100
  [ "$spec" = "$m" ] || n=${spec#*@}
  for rep in $(seq 1 "$N"); do
    if [ $((rep % 2)) = 1 ]; then run_side mer "$m" "$n" "$rep"; run_side original "$m" "$n" "$rep"
    else run_side original "$m" "$n" "$rep"; run_side mer "$m" "$n" "$rep"; fi
    slow=$(awk -F'\t' -v m="$m" -v n="$n" '$1 == m && $2 == n && $4 == "original" && $5 > max { max = $5 } END { print max + 0 }' "$TIMES")
    if [ "$rep" -lt "$N" ] && [ "$(echo "$slow > $MAX_REPEAT_S" | bc)" = 1 ]; then
      echo "vs-original: $m ($n per task): the original took ${slow} s, over MAX_REPEAT_S=$MAX_REPEAT_S: no more repeats" >&2; break
    fi
  done
done
echo "vs-original: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; times in $TIMES" >&2

"$PY" - "$TIMES" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
keys = []
for r in rows:
    k = (r['model'], r['samples'])
    if k not in keys:
        keys.append(k)
def pick(k, side, field):
    return sorted(float(r[field]) for r in rows if (r['model'], r['samples']) == k and r['side'] == side)
print('wall seconds per process (min / median / max of n runs per side), and the run alone (median of the time each program reports)')
print('%-11s %5s %2s  %-22s  %-22s  %8s  %9s %9s %8s' % ('model', '/task', 'n', 'mer wall', 'original wall', 'ratio', 'mer run', 'orig run', 'ratio'))
for k in keys:
    mw, ow = pick(k, 'mer', 'wall_s'), pick(k, 'original', 'wall_s')
    mr, orr = statistics.median(pick(k, 'mer', 'run_s')), statistics.median(pick(k, 'original', 'run_s'))
    f = lambda v: '%.1f / %.1f / %.1f' % (v[0], statistics.median(v), v[-1])
    print('%-11s %5s %2d  %-22s  %-22s  %7.1fx  %9.2f %9.2f %7.1fx' % (k[0], k[1], len(ow), f(mw), f(ow),
          statistics.median(ow) / statistics.median(mw), mr, orr, orr / mr))
PY
