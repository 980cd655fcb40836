#!/usr/bin/env bash
# One evaluation's cost per test row (EvaluationBenchmark): mer's evaluation (hybrid: the first
# layer through the rows' non-zero inputs, dense ND4J products for dense inputs), the non-zero walk
# whatever the density, the batched dense ND4J products it replaced, and the single-example sparse
# pass row by row, on MNIST digits and Fashion-MNIST (needs Debian's dataset-fashion-mnist).
# Usage: bench/evaluation.sh [extra JMH args]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -Pbench -pl bench -am package -DskipTests >/dev/null 2>&1 || mvn -B -q -Pbench -pl bench -am package -DskipTests
java -jar bench/target/benchmarks.jar EvaluationBenchmark "$@"
