#!/usr/bin/env bash
# Does the suite add time of its own? Compares the suite's MiniLM fp32 cell (batch 1, seq 128, 2 threads) with a plain
# loop over OrtSession.run in a fresh JVM, over interleaved rounds; prints each round's p50 ratio and the median.
#   scripts/overhead-check.sh [ROUNDS [WARMUP_S MEASURE_S]]     (default 5 rounds, 3 s warmup, 8 s measurement)
# Exit status 0 when the median ratio is at most 1.05. Run it on a quiet machine; it takes about 25 s a round.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "overhead-check: $jar is missing; build it with ./mvnw -q package -DskipTests" >&2; exit 2; }
exec java -cp "$jar" dev.infbench.tools.OverheadCheck "$@"
