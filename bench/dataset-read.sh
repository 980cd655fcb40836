#!/usr/bin/env bash
# Task-set read benchmarks (JMH): sequential decode throughput, random row latency, open time.
# Usage: bench/dataset-read.sh [extra JMH args]   e.g. bench/dataset-read.sh -f 3
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -Pbench install -DskipTests >/dev/null 2>&1 || mvn -B -q -Pbench install -DskipTests
java -jar bench/target/benchmarks.jar TaskSetReadBenchmark "$@"
