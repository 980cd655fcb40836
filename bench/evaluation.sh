#!/usr/bin/env bash
# One evaluation's cost per test row (EvaluationBenchmark): mer's evaluation (hybrid: the first
# layer through the rows' non-zero inputs, dense ND4J products for dense inputs), the non-zero walk
# whatever the density, the batched dense ND4J products it replaced, and the single-example sparse
# pass row by row, on MNIST digits and Fashion-MNIST (needs Debian's dataset-fashion-mnist).
# Usage: bench/evaluation.sh [extra JMH args]
#        bench/evaluation.sh --alternating [ROUNDS]   (the three evaluations in turn in one process,
#        medians and ratios: EvaluationAlternating, for a machine that other work shares)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -Pbench -pl bench -am package -DskipTests >/dev/null 2>&1 || mvn -B -q -Pbench -pl bench -am package -DskipTests
if [ "${1:-}" = --alternating ]; then
  shift
  exec java --add-opens=java.base/java.nio=ALL-UNNAMED --add-modules=jdk.incubator.vector \
      -Dorg.bytedeco.javacpp.platform.extension= -cp bench/target/benchmarks.jar dev.mer.bench.EvaluationAlternating "$@"
fi
java -jar bench/target/benchmarks.jar EvaluationBenchmark "$@"
