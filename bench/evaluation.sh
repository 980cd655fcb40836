#!/usr/bin/env bash
# One evaluation's cost per test row: mer's sparse forward pass against the batched dense ND4J
# evaluation it replaced (EvaluationBenchmark), on MNIST digits and Fashion-MNIST (needs Debian's
# dataset-fashion-mnist).
# Usage: bench/evaluation.sh [extra JMH args]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -Pbench -pl bench -am package -DskipTests >/dev/null 2>&1 || mvn -B -q -Pbench -pl bench -am package -DskipTests
java -jar bench/target/benchmarks.jar EvaluationBenchmark "$@"
