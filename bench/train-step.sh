#!/usr/bin/env bash
# Latency of one single-example SGD step (JMH), on real MNIST digits and on dense inputs.
# Usage: bench/train-step.sh [extra JMH args]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -Pbench install -DskipTests >/dev/null 2>&1 || mvn -B -q -Pbench install -DskipTests
java -jar bench/target/benchmarks.jar SgdStepBenchmark "$@"
