#!/usr/bin/env bash
# How long the paper's whole grid takes: the 57 runs of mer_examples.sh
# (experiment/src/main/resources/dev/mer/experiment/grid/mer_examples.tsv), seed 0, at paper scale
# (1000 examples per task on 20-task Rotations and Permutations, 200 on 100-task Many Permutations;
# --log_every 100, so 201 evaluations each), projected from short measured stretches; with the
# original code too when a checkout of github.com/mattriemer/MER is given.
#
# Usage: bench/grid-time.sh [MER_CHECKOUT]          QUICK=1 bench/grid-time.sh [MER_CHECKOUT]
#
# Data: full-size sets made from Debian's Fashion-MNIST (dataset-fashion-mnist: 60,000 train /
# 10,000 test images): mer generate --rotations 20, --permutations 20 and --many-permutations 100
# (the task-sets mnist_rotations, mnist_permutations, mnist_manypermutations that `mer suite` reads),
# and the same generated a second time with --test-per-task 100 ("light": same training images,
# evaluations almost free) for measuring training alone. SRC=DIR takes the images from another IDX
# directory: `bench/tile_sample.py DIR` writes MNIST-sized files of real MNIST digits (the embedded
# sample repeated), whose ~19% non-zero pixels are what the paper's MNIST runs evaluate (Fashion-MNIST
# has ~50%, and mer's evaluation walks the non-zero inputs).
#
# mer, per row: one run on the light set with evaluations in line (MER_OVERLAP_EVALUATION=0), the
# row's flags and the common ones, STRETCH examples per task instead of the paper's (gem: at least
# --n_memories, so that its memory per past task is as full as in the paper's run; every task is
# run, so gem's cost, which grows with the number of past tasks, averages as in the full run).
# Training seconds per example = (timing.seconds - timing.evaluation_seconds) / examples, from the
# run's result JSON. Seconds per evaluation: a run of online (and one of independent, whose networks
# differ) on each full set, one example per task and --log_every 1 (tasks + 1 evaluations), in line:
# timing.evaluation_seconds / evaluations. Projected run = max(training, (training + evaluations) / 2):
# mer evaluates on other threads (up to one per core) while training goes on, so on 2 cores a run
# takes at least its training and at least half the CPU time of both (the sum is printed too;
# CALIBRATE checks the projection against whole runs). `mer suite` runs half the processors' worth of runs at a time: one at a time on 2
# cores, so the suite's 285 runs (seeds 0-4) take 5 x the seed-0 total.
#
# The original, per row (bench/orig_probe.py): main.py itself on a .pt in GEM's layout made from the
# same images (bench/make_pt.py; ORIG_TRAIN_ROWS = 2000 training images per task, as the stretch
# never uses more, and all 10,000 test images, so evaluations cost what they cost at full size),
# stopped after BUDGET seconds of training; each example's and each evaluation's time recorded. The
# replay models' memory is filled to --memories half-way (their step cost grows with the memory:
# the original reshuffles it before every draw), so both the cost with a small and with a full
# memory are measured; the full run's cost is their linear interpolation while the memory fills
# (the first --memories examples), then the full cost. gem and ewc run n_memories (at least 10)
# examples per task, so the stretch crosses several tasks, and their per-task mean cost is fitted
# as a line in the task index and summed over the full run's tasks. Evaluations do not overlap
# training in the original: projected = training + evaluations. Loading the .pt is left out on both
# sides (main.py's own time leaves it out too).
#
# Environment: QUICK=1 (STRETCH 25 per task on 20-task sets / 5 on 100-task ones (paper / 40),
# BUDGET 5 s, many-permutations evaluation taken as 5 x permutations' (100 tasks' test sets against
# 20) instead of measured: 38 minutes with the original at load average 4-10 on 2 cores, most of it
# gem's rows; the default mode has not been timed yet),
# STRETCH_DIV (paper's examples per task / STRETCH_DIV, default 20: 50 and 10),
# BUDGET (default 8 s of training, or 16 s in all; gem 3 x), ORIG_TRAIN_ROWS, WORK (default ${TMPDIR:-/tmp}/mer-bench-grid; the
# data, about 20 GB, is made once and reused), PY (default /usr/bin/python3, with torch, numpy,
# Pillow and scipy for the original), QUADPROG_DIR (for the original's gem; default the repository's
# stand-in), ROWS (a grep -E pattern on "model dataset memories" to measure some rows only),
# CALIBRATE (row numbers, e.g. "1 34":
# also run those rows whole at paper scale, as mer suite runs them, and print measured beside
# projected).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
MER=${MER:-./mer}
PY=${PY:-/usr/bin/python3}
WORK=${WORK:-${TMPDIR:-/tmp}/mer-bench-grid}
QUADPROG_DIR=${QUADPROG_DIR:-$REPO/train/src/test/resources/reference}
SRC=${SRC:-/usr/share/datasets/fashion-mnist}
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then STRETCH_DIV=${STRETCH_DIV:-40}; BUDGET=${BUDGET:-5}; else STRETCH_DIV=${STRETCH_DIV:-20}; BUDGET=${BUDGET:-8}; fi
ORIG_TRAIN_ROWS=${ORIG_TRAIN_ROWS:-2000}
ROWS=${ROWS:-.}
GRID=experiment/src/main/resources/dev/mer/experiment/grid/mer_examples.tsv
COMMON="--n_layers 2 --n_hiddens 100 --batch_size 1 --log_every 100 --seed 0"

[ -f "$SRC/train-images-idx3-ubyte.gz" ] || { echo "grid-time: $SRC missing: install Debian package dataset-fashion-mnist, or make MNIST-like files with bench/tile_sample.py DIR and set SRC=DIR" >&2; exit 1; }
ORIG=
if [ $# -ge 1 ]; then
  if [ ! -f "$1/main.py" ]; then echo "grid-time: $1 has no main.py: the original is left out" >&2
  elif ! "$PY" -c 'import torch, numpy, PIL, scipy' 2>/dev/null; then
    echo "grid-time: $PY cannot import torch, numpy, PIL and scipy: the original is left out" >&2
  else ORIG=$(cd "$1" && pwd); fi
fi
ANALYSE_PY=$PY; [ -x "$ANALYSE_PY" ] || ANALYSE_PY=python3

log() { echo "grid-time: $*" >&2; }
now() { date +%s.%N; }
T_START=$(now)
log "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; QUICK=$QUICK STRETCH_DIV=$STRETCH_DIV BUDGET=$BUDGET s; original: ${ORIG:-left out}; images from $SRC"

# --- data ---
declare -A GEN=([rotations]="--rotations 20" [permutations]="--permutations 20" [manypermutations]="--many-permutations 100")
mkdir -p "$WORK/data" "$WORK/light" "$WORK/orig" "$WORK/mer/eval" "$WORK/mer/rows" "$WORK/mer/whole" "$WORK/probe"
for d in rotations permutations manypermutations; do
  # shellcheck disable=SC2086
  if [ ! -d "$WORK/light/mnist_$d" ]; then $MER generate ${GEN[$d]} --source "$SRC" --test-per-task 100 --out "$WORK/light/mnist_$d" >&2; fi
  if [ "$QUICK" = 1 ] && [ $d = manypermutations ]; then continue; fi
  # shellcheck disable=SC2086
  if [ ! -d "$WORK/data/mnist_$d" ]; then $MER generate ${GEN[$d]} --source "$SRC" --out "$WORK/data/mnist_$d" >&2; fi
done
if [ -n "$ORIG" ]; then
  for d in rotations permutations manypermutations; do
    if [ ! -f "$WORK/orig/mnist_$d.pt" ]; then
      $MER info --json "$WORK/light/mnist_$d" > "$WORK/orig/mnist_$d.json"
      "$PY" bench/make_pt.py "$SRC" "$WORK/orig/mnist_$d.json" "$WORK/orig/mnist_$d.pt" "$ORIG_TRAIN_ROWS" >&2
    fi
  done
fi
T_DATA=$(now)

# --- seconds per evaluation, mer ---
EVALS=$WORK/mer/evals.tsv
printf 'dataset\tarch\tevaluations\tseconds\n' > "$EVALS"
for d in rotations permutations manypermutations; do
  [ "$QUICK" = 1 ] && [ $d = manypermutations ] && continue
  for arch in online independent; do
    out=$WORK/mer/eval/${d}_$arch; rm -rf "$out"
    lr=0.01; [ $arch = online ] && lr=0.003
    MER_OVERLAP_EVALUATION=0 $MER train --data "$WORK/data/mnist_$d" --model $arch --lr $lr ${COMMON/--log_every 100/} --samples_per_task 1 \
        --log_every 1 --save_path "$out" --no-pt >"$out.log" 2>&1 || { tail -5 "$out.log" >&2; exit 1; }
    "$ANALYSE_PY" -c 'import json,glob,sys; r=json.load(open(glob.glob(sys.argv[1]+"/*.json")[0])); print("%s\t%s\t%d\t%.4f" % (sys.argv[2], sys.argv[3], len(r["evaluations"]), r["timing"]["evaluation_seconds"]))' \
        "$out" "$d" "$arch" >> "$EVALS"
    log "mer evaluation, $d, $arch: $(tail -1 "$EVALS" | cut -f3-) (evaluations, seconds)"
  done
done
T_EVAL=$(now)

# --- the rows ---
MEAS=$WORK/measured.tsv
printf 'row\tmodel\tdataset\tmemories\targs\tside\tsamples\tfile\n' > "$MEAS"
row=0
while IFS=$'\t' read -r model dataset memories args; do
  case "$model" in ''|'#'*|model) continue;; esac
  row=$((row + 1))
  echo "$model $dataset $memories" | grep -Eq "$ROWS" || continue
  paper=1000; [ "$dataset" = manypermutations ] && paper=200
  nmem=0
  # shellcheck disable=SC2206
  a=($args)
  for i in "${!a[@]}"; do [ "${a[$i]}" = --n_memories ] && nmem=${a[$((i + 1))]}; done
  s=$(( (paper + STRETCH_DIV - 1) / STRETCH_DIV )); [ "$model" = gem ] && [ "$nmem" -gt "$s" ] && s=$nmem
  out=$WORK/mer/rows/$row; rm -rf "$out"
  t0=$(now)
  # shellcheck disable=SC2086
  MER_OVERLAP_EVALUATION=0 $MER train --data "$WORK/light/mnist_$dataset" --model "$model" $args $COMMON --samples_per_task "$s" \
      --save_path "$out" --no-pt >"$out.log" 2>&1 || { log "mer failed on row $row"; tail -5 "$out.log" >&2; exit 1; }
  json=$(ls "$out"/*.json)
  printf '%s\t%s\t%s\t%s\t%s\tmer\t%s\t%s\n' "$row" "$model" "$dataset" "$memories" "$args" "$s" "$json" >> "$MEAS"
  log "row $row mer     $model $dataset $memories: $s per task, $(printf '%.1f' "$(echo "$(now) - $t0" | bc)") s"
  if [ -n "$ORIG" ]; then
    so=$paper; b=$BUDGET
    case "$model" in gem|ewc) so=$nmem; [ "$so" -lt 10 ] && so=10; [ "$model" = gem ] && b=$((BUDGET * 3));; esac
    probe=$WORK/probe/$row.json; rm -rf "$probe" "$WORK/probe/$row"
    t0=$(now)
    # shellcheck disable=SC2086
    PYTHONPATH="$QUADPROG_DIR${PYTHONPATH:+:$PYTHONPATH}" "$PY" bench/orig_probe.py "$ORIG" "$probe" "$b" -- --model "$model" $args \
        $COMMON --samples_per_task "$so" --data_path "$WORK/orig" --data_file "mnist_$dataset.pt" --save_path "$WORK/probe/$row/" \
        --cuda no >"$WORK/probe/$row.log" 2>&1 || true
    if ! "$ANALYSE_PY" -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if len(r["examples"]) > 20 and r["evaluations"] else 1)' "$probe" 2>/dev/null; then
      log "the original failed on row $row ($model $dataset $memories): its log:"; tail -5 "$WORK/probe/$row.log" >&2; exit 1
    fi
    printf '%s\t%s\t%s\t%s\t%s\toriginal\t%s\t%s\n' "$row" "$model" "$dataset" "$memories" "$args" "$so" "$probe" >> "$MEAS"
    log "row $row original $model $dataset $memories: $so per task, $(printf '%.1f' "$(echo "$(now) - $t0" | bc)") s"
  fi
done < "$GRID"
# --- optional: whole runs at paper scale, to check the projection ---
CALIB=$WORK/calibration.tsv
printf 'row\tseconds\tevaluation_seconds\n' > "$CALIB"
for r in ${CALIBRATE:-}; do
  line=$(grep -v '^#' "$GRID" | sed -n "$((r + 1))p")
  IFS=$'\t' read -r model dataset memories args <<< "$line"
  paper=1000; [ "$dataset" = manypermutations ] && paper=200
  out=$WORK/mer/whole/$r; rm -rf "$out"
  # shellcheck disable=SC2086
  $MER train --data "$WORK/data/mnist_$dataset" --model "$model" $args $COMMON --samples_per_task "$paper" \
      --save_path "$out" --no-pt >"$out.log" 2>&1 || { log "whole run of row $r failed"; tail -5 "$out.log" >&2; exit 1; }
  "$ANALYSE_PY" -c 'import json,glob,sys; t=json.load(open(glob.glob(sys.argv[1]+"/*.json")[0]))["timing"]; print("%s\t%.2f\t%.2f" % (sys.argv[2], t["seconds"], t["evaluation_seconds"]))' "$out" "$r" >> "$CALIB"
  log "whole run of row $r ($model $dataset $memories): $(tail -1 "$CALIB" | cut -f2) s"
done
T_END=$(now)
log "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; data $(printf '%.0f' "$(echo "$T_DATA - $T_START" | bc)") s, mer evaluations $(printf '%.0f' "$(echo "$T_EVAL - $T_DATA" | bc)") s, rows $(printf '%.0f' "$(echo "$T_END - $T_EVAL" | bc)") s; records in $WORK"

"$ANALYSE_PY" bench/grid_project.py "$MEAS" "$EVALS" "$QUICK" "$CALIB"
