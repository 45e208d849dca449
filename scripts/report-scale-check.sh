#!/usr/bin/env bash
# How long does `harness report` take on a 10,000-cell JMH JSON file in a 512 MB heap, charts included?
# Generates a synthetic file of CELLS SampleTime cells shaped like the suite's (about 13 KB each; made-up figures,
# see scripts/SyntheticJmh.java), then reports it ROUNDS times, each in a fresh JVM (a cold start, as users run it),
# printing the harness's own time, the process's wall time, and the medians of both; then reports it ROUNDS + 1 times
# in one JVM (-Dinfbench.report.repeat) and gives the median of all rounds but the first: a warmed-up JVM's time.
# On a 2-core machine a cold start spends about as much CPU compiling (C2 JIT) as reporting, hence the gap.
#   scripts/report-scale-check.sh [CELLS [ROUNDS]]      (default 10000 cells, 5 rounds)
# Exit status 0 when the warm median is at most 3 s (the goal of issue 4); the cold median is printed beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
cells=${1:-10000}
rounds=${2:-5}
jar=harness/target/harness.jar
[ -f "$jar" ] || { echo "report-scale-check: $jar is missing; build it with ./mvnw -q package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java scripts/SyntheticJmh.java "$cells" "$work/jmh.json"
echo "input: $cells cells, $(du -m "$work/jmh.json" | cut -f1) MB; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
own=()
wall=()
for round in $(seq "$rounds"); do
  start=$(date +%s.%N)
  line=$(java -Xmx512m -jar "$jar" report "$work/jmh.json" --out "$work/report" | tail -n 1)
  end=$(date +%s.%N)
  seconds=$(sed -n 's/.* written in \([0-9.]*\) s$/\1/p' <<<"$line")
  own+=("$seconds")
  wall+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')")
  echo "round $round: report ${seconds} s, process ${wall[-1]} s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
m_own=$(median "${own[@]}")
m_wall=$(median "${wall[@]}")
echo "cold median: report ${m_own} s, process ${m_wall} s"
warm=()
while read -r seconds; do warm+=("$seconds"); done < <(java -Xmx512m -Dinfbench.report.repeat=$((rounds + 1)) \
    -jar "$jar" report "$work/jmh.json" --out "$work/report" | sed -n 's/.* written in \([0-9.]*\) s (round \([0-9]*\).*/\2 \1/p' \
    | awk '$1 > 1 { print $2 }')
echo "warm rounds (one JVM, after its first report): ${warm[*]}"
m_warm=$(median "${warm[@]}")
echo "warm median: report ${m_warm} s (goal: at most 3 s); cold median ${m_own} s"
awk -v m="$m_warm" 'BEGIN { exit !(m <= 3.0) }'
