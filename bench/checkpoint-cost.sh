#!/usr/bin/env bash
# What checkpointing costs a meralg1 run (issue 15's bound: under 2% at a checkpoint every 1,000
# examples): the paper's meralg1 flags (5120 memories, 100 replayed, 10 batches per example) on
# TASKS rotation tasks of the embedded sample, SAMPLES examples each, run without a checkpoint and
# with `--checkpoint … --checkpoint-every 1000`, alternately, RUNS times each. Reports each run's
# wall seconds as the result JSON records them (training and evaluation, start-up excluded), the
# medians and their ratio, and the size of a checkpoint taken late in a run.
#
# Usage: bench/checkpoint-cost.sh   (RUNS=5, TASKS=5, SAMPLES=1000, EVERY=1000; needs cli/target/mer.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
TASKS=${TASKS:-5}
SAMPLES=${SAMPLES:-1000}
EVERY=${EVERY:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar=cli/target/mer.jar
opts=(--add-opens=java.base/java.nio=ALL-UNNAMED --add-modules=jdk.incubator.vector -XX:+UseParallelGC)
java "${opts[@]}" -jar "$jar" generate --rotations "$TASKS" --source sample --out "$work/rot" --no-progress >/dev/null 2>&1
flags=(--data "$work/rot" --model meralg1 --lr 0.03 --beta 0.03 --gamma 1.0 --memories 5120 --replay_batch_size 100
       --batches_per_example 10 --samples_per_task "$SAMPLES" --no-pt)
for r in $(seq "$RUNS"); do
  for mode in plain checkpoint; do
    extra=()
    [ "$mode" = checkpoint ] && extra=(--checkpoint "$work/ck/run.ckpt" --checkpoint-every "$EVERY" --resume)
    java "${opts[@]}" -jar "$jar" train "${flags[@]}" "${extra[@]}" --save_path "$work/out/$mode.$r/" >/dev/null 2>&1
    s=$(/usr/bin/python3 -c 'import json,glob,sys; print(json.load(open(glob.glob(sys.argv[1]+"/*.json")[0]))["timing"]["seconds"])' "$work/out/$mode.$r")
    echo "$mode $s" | tee -a "$work/runs"
  done
done
# the size of a checkpoint with the reservoir full: a run stopped by SIGTERM in its second half
# (a finished run deletes its checkpoint)
half=$(/usr/bin/python3 -c 'import statistics,sys; print(int(statistics.median(float(l.split()[1]) for l in open(sys.argv[1]) if l.startswith("plain")) * 0.6) + 3)' "$work/runs")
timeout -s TERM "$half" java "${opts[@]}" -jar "$jar" train "${flags[@]}" --checkpoint "$work/ck/stopped.ckpt" \
    --save_path "$work/out/stopped/" >/dev/null 2>&1 || true
[ -f "$work/ck/stopped.ckpt" ] && echo "checkpoint size: $(stat -c %s "$work/ck/stopped.ckpt") bytes"
/usr/bin/python3 - "$work/runs" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    mode, s = line.split()
    runs.setdefault(mode, []).append(float(s))
p, c = statistics.median(runs["plain"]), statistics.median(runs["checkpoint"])
print(f"median seconds: no checkpoint {p:.2f}, checkpoint every run {c:.2f}; ratio {c / p:.3f} ({(c / p - 1) * 100:+.1f}%)")
PY
