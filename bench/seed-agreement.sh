#!/usr/bin/env bash
# Do two builds of mer agree within the seed spread? Runs every model (mer_examples.sh's Rotations
# settings, SAMPLES examples per task) over SEEDS seeds with two mer.jar files on the same task-set
# and prints, per model, RA/LA/BTI as mean ± std for each build and the difference of the means in
# units of the seed spread. For changes that alter rounding (a faster kernel), as issue 14 asks.
#
# Usage: bench/seed-agreement.sh BEFORE.jar AFTER.jar [MODEL...]
#   DATA (default: 20 rotation tasks generated from the embedded sample), SAMPLES (100), SEEDS (0-4)
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: bench/seed-agreement.sh BEFORE.jar AFTER.jar [MODEL...]}
after=${2:?usage: bench/seed-agreement.sh BEFORE.jar AFTER.jar [MODEL...]}
shift 2
SAMPLES=${SAMPLES:-100}
SEEDS=${SEEDS:-0 1 2 3 4}
work=${WORK:-$(mktemp -d)}
DATA=${DATA:-$work/rotations}
java_opts=(--add-opens=java.base/java.nio=ALL-UNNAMED --add-modules=jdk.incubator.vector -XX:+UseParallelGC)
[ -d "$DATA" ] || java "${java_opts[@]}" -jar "$after" generate --rotations 20 --source sample --out "$DATA" --no-progress >&2
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(online independent taskinput ewc gem eralg4 eralg5 meralg1 meralg6 meralg7)
. bench/paper-args.sh
for m in "${models[@]}"; do
  for side in before after; do
    jar=$before; [ "$side" = after ] && jar=$after
    for seed in $SEEDS; do
      # shellcheck disable=SC2086
      java "${java_opts[@]}" -jar "$jar" train --data "$DATA" --model "$m" $(rotation_args "$m") --samples_per_task "$SAMPLES" \
          --n_layers 2 --n_hiddens 100 --batch_size 1 --log_every 100 --seed "$seed" --no-pt \
          --save_path "$work/$side/$m/$seed" >/dev/null 2>&1
    done
  done
done
/usr/bin/python3 - "$work" "${models[@]}" <<'PY'
import glob, json, statistics as st, sys
work, models = sys.argv[1], sys.argv[2:]
def metrics(side, m):
    out = {k: [] for k in ("ra", "la", "bti")}
    for f in sorted(glob.glob(f"{work}/{side}/{m}/*/*.json")):
        r = json.load(open(f))["metrics"]
        for k in out:
            out[k].append(r[k])
    return out
print(f"{'model':<12} {'metric':<4} {'before mean±std':>18} {'after mean±std':>18} {'Δ/std':>7} {'same bits':>9}")
for m in models:
    b, a = metrics("before", m), metrics("after", m)
    for k in ("ra", "la", "bti"):
        spread = max(st.pstdev(b[k]), st.pstdev(a[k]), 1e-9)
        d = (st.mean(a[k]) - st.mean(b[k])) / spread
        print(f"{m:<12} {k:<4} {st.mean(b[k]):>9.4f}±{st.pstdev(b[k]):.4f} {st.mean(a[k]):>9.4f}±{st.pstdev(a[k]):.4f} "
              f"{d:>7.2f} {str(a[k] == b[k]):>9}")
PY
