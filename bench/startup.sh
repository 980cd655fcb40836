#!/usr/bin/env bash
# The fixed cost of a short `mer train`: where the time goes from process start to the first
# training example, and the whole run, for one example per task on a 20-task set with 2,000 test
# rows per task (rotations generated from the embedded sample). Markers come from the JVM's
# class-loading log (uptime of the first load of a class): the CLI's first class (JVM start done),
# Arrow's first and ND4J's first and last (their initialisation), and dev.mer.train.Evaluations,
# which the trainer loads right before its first example. Medians of RUNS runs, builds interleaved.
#
# Usage: bench/startup.sh [JAR...]   (default: cli/target/mer.jar; give an older build's jar beside it
#   to compare; each jar needs its lib/ folder next to it). RUNS (default 5), CDS=1 adds runs of the
#   last jar with class-data sharing as ./mer uses it.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
jars=("$@")
[ ${#jars[@]} -gt 0 ] || jars=(cli/target/mer.jar)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=$work/rotations
opts=(--add-opens=java.base/java.nio=ALL-UNNAMED --add-modules=jdk.incubator.vector -XX:+UseParallelGC)
java "${opts[@]}" -jar "${jars[-1]}" generate --rotations 20 --source sample --out "$data" --no-progress >/dev/null 2>&1
configs=()
for j in "${jars[@]}"; do configs+=("$j|"); done
if [ "${CDS:-0}" = 1 ]; then
  jsa=$work/mer.jsa
  java "${opts[@]}" -XX:ArchiveClassesAtExit="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "${jars[-1]}" train \
      --data "$data" --model online --samples_per_task 1 --save_path "$work/warm" --no-pt >/dev/null 2>&1
  configs+=("${jars[-1]}|-XX:SharedArchiveFile=$jsa")
fi
for r in $(seq "$RUNS"); do
  for c in "${configs[@]}"; do
    jar=${c%%|*}; extra=${c#*|}
    id=$(echo "$c" | md5sum | cut -c1-8)
    log=$work/$id.$r.log
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    java "${opts[@]}" $extra -Xlog:cds=off -Xlog:class+load:file="$log":uptime -jar "$jar" train --data "$data" \
        --model online --lr 0.0003 --samples_per_task 1 --save_path "$work/out/$id.$r" --no-pt >/dev/null 2>&1
    end=$(date +%s.%N)
    echo "$c $(echo "$end - $start" | bc) $log" >> "$work/runs"
  done
done
/usr/bin/python3 - "$work/runs" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    config, wall, log = line.rsplit(" ", 2)
    marks = {}
    for l in open(log.strip()):
        m = re.match(r"\[(\d+\.\d+)s\].* (\S+) source", l)
        if not m:
            continue
        t, cls = float(m.group(1)), m.group(2)
        for name, prefix in (("cli", "dev.mer.cli."), ("arrow", "org.apache.arrow."), ("nd4j", "org.nd4j."),
                             ("first_example", "dev.mer.train.Evaluations")):
            if cls.startswith(prefix):
                marks.setdefault(name, t)
                if name == "nd4j":
                    marks["nd4j_last"] = t
    rows.setdefault(config, []).append((float(wall), marks))
def med(xs):
    xs = [x for x in xs if x is not None]
    return f"{statistics.median(xs):.2f}" if xs else "-"
print(f"{'build':<60} {'JVM→main':>9} {'ND4J init':>9} {'→1st example':>12} {'whole run':>9}")
for config, runs in rows.items():
    cli = med([m.get("cli") for _, m in runs])
    nd4j = med([m["nd4j_last"] - m["nd4j"] if "nd4j" in m else None for _, m in runs])
    first = med([m.get("first_example") for _, m in runs])
    print(f"{config:<60} {cli:>9} {nd4j:>9} {first:>12} {med([w for w, _ in runs]):>9}")
PY
