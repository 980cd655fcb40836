#!/usr/bin/env bash
# Candidates for convolutions: one forward and backward pass of GEM's reduced ResNet-18 (CIFAR-100,
# nf=20) on a batch of 10, with ND4J (plain and oneDNN builds of libnd4j), DJL's PyTorch engine
# (libtorch from Maven Central) and PyTorch itself (Debian's python3-torch), side by side.
#
# 1. Checks each Java candidate against PyTorch (parameter count, logits shape, loss and gradients
#    on PyTorch's own initial weights and batch: resnet18_torch.py --export, ResNet18Check).
# 2. Times them, per thread count, one after the other (JMH ResNet18Benchmark in sample mode, and
#    resnet18_torch.py), and prints the medians side by side.
#
# "djl+sse41" is DJL again with ONEDNN_MAX_CPU_ISA=SSE41 (see BENCHMARKS.md: on the AVX-512 EPYC
# the default oneDNN kernels of DJL's libtorch gave wrong convolutions).
#
# Usage: bench/resnet18.sh [THREADS...]      (default: 1 2)   PYTHON=/usr/bin/python3 by default
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
OUT=${TMPDIR:-/tmp}/mer-bench-resnet18
threads=("$@")
[ ${#threads[@]} -gt 0 ] || threads=(1 2)
"$PY" -c 'import torch' 2>/dev/null || { echo "bench: $PY cannot import torch: apt-get install -y python3-torch" >&2; exit 1; }
mvn -B -q -o -Pbench install -DskipTests >/dev/null 2>&1 || mvn -B -q -Pbench install -DskipTests
mkdir -p "$OUT"
JAR=bench/target/benchmarks.jar
JAVA=(java --add-opens=java.base/java.nio=ALL-UNNAMED -Dai.djl.offline=true)

echo "== $(date -u +%FT%TZ) $(nproc) CPUs: $(lscpu | sed -n 's/^Model name: *//p'); load: $(uptime | sed 's/.*load average: //')"
echo "== correctness against PyTorch"
"$PY" bench/resnet18_torch.py --threads "" --export "$OUT/torch-ref.bin"
for lib in nd4j nd4j-onednn djl djl+sse41; do
  env=()
  [ "$lib" != djl+sse41 ] || env=(ONEDNN_MAX_CPU_ISA=SSE41)
  env "${env[@]}" "${JAVA[@]}" -cp "$JAR" dev.mer.bench.resnet.ResNet18Check "$OUT/torch-ref.bin" "${lib%+sse41}" 2>&1 \
    | grep "^${lib%+sse41}: " | sed "s/^${lib%+sse41}: /$lib: /" || true
done

echo "== timing (ms per forward+backward pass, batch 10)"
for t in "${threads[@]}"; do
  echo "-- threads=$t, load before: $(uptime | sed 's/.*load average: //')"
  OMP_NUM_THREADS=$t "${JAVA[@]}" -jar "$JAR" ResNet18Benchmark -p threads="$t" \
    -rf json -rff "$OUT/jmh-t$t.json" > "$OUT/jmh-t$t.log" 2>&1
  OMP_NUM_THREADS=$t ONEDNN_MAX_CPU_ISA=SSE41 "${JAVA[@]}" -jar "$JAR" ResNet18Benchmark -p threads="$t" -p library=djl \
    -rf json -rff "$OUT/jmh-sse41-t$t.json" > "$OUT/jmh-sse41-t$t.log" 2>&1
  OMP_NUM_THREADS=$t "$PY" bench/resnet18_torch.py --threads "$t" > "$OUT/torch-t$t.log"
  grep -h "^# nd4j\|^# djl" "$OUT/jmh-t$t.log" "$OUT/jmh-sse41-t$t.log" | sort -u | cut -c1-240
done
echo "-- load after: $(uptime | sed 's/.*load average: //')"

"$PY" - "$OUT" "${threads[@]}" <<'EOF'
import json, re, sys
out, threads = sys.argv[1], sys.argv[2:]
rows = []
for t in threads:
    for f, suffix in ((f"{out}/jmh-t{t}.json", ""), (f"{out}/jmh-sse41-t{t}.json", "+sse41")):
        for b in json.load(open(f)):
            m = b["primaryMetric"]
            p = m["scorePercentiles"]
            n = sum(c for _, c in (x for it in m["rawDataHistogram"][0] for x in it))
            rows.append((b["params"]["library"] + suffix, t, p["50.0"], p["90.0"], p["0.0"], p["100.0"], n))
    for line in open(f"{out}/torch-t{t}.log"):
        if line.startswith("RESULT"):
            kv = dict(x.split("=") for x in line.split()[2:])
            rows.append((line.split()[1], t, float(kv["median_ms"]), float(kv["p90"]), float(kv["min"]),
                         float(kv["max"]), int(kv["reps"])))
print(f"{'library':<16} {'threads':>7} {'median':>9} {'p90':>9} {'min':>9} {'max':>9} {'passes':>7}")
for r in rows:
    print(f"{r[0]:<16} {r[1]:>7} {r[2]:>9.2f} {r[3]:>9.2f} {r[4]:>9.2f} {r[5]:>9.2f} {r[6]:>7}")
EOF
