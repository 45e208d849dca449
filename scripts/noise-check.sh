#!/usr/bin/env bash
# Do the suite's verdicts survive a noisy machine? Runs one small sweep twice per repetition, once quiet and once
# with a CPU hog (one busy core) switched on for the middle third of the run, and prints both runs' picks and paired
# ratio verdicts side by side (dev.infbench.tools.NoiseVerdicts).
#   scripts/noise-check.sh [REPETITIONS]       (default 1; about 4 minutes a repetition on 2 cores)
# Exit status 1 when a verdict flips in any repetition (resolved "A faster than B" in one run, resolved "B faster
# than A" in the other, or two different resolved winners); "unresolved" in either run is not a flip. The sweep:
#   NOISE_SWEEP="-p model=minilm -p precision=fp32,int8 -p threads=1,0 -f 3 -wi 1 -w 500ms -i 3 -r 1s"
# Not part of ./mvnw verify: it measures, so run it alone on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "noise-check: $jar is missing; build it with ./mvnw -q package -DskipTests" >&2; exit 2; }
reps=${1:-1}
sweep=${NOISE_SWEEP:-"-p model=minilm -p precision=fp32,int8 -p threads=1,0 -f 3 -wi 1 -w 500ms -i 3 -r 1s"}
out=${NOISE_OUT:-$(mktemp -d /tmp/noise-check.XXXXXX)}
mkdir -p "$out"
hog_pid=
stop_hog() { [ -n "$hog_pid" ] && kill "$hog_pid" 2>/dev/null; hog_pid=; }
trap stop_hog EXIT
status=0
for rep in $(seq 1 "$reps"); do
  start=$(date +%s)
  # shellcheck disable=SC2086
  java -jar "$jar" $sweep --out "$out" --run-id "quiet-$rep" > "$out/quiet-$rep.log" 2>&1 \
    || { echo "noise-check: the quiet run failed; see $out/quiet-$rep.log" >&2; exit 2; }
  length=$(( $(date +%s) - start ))
  # shellcheck disable=SC2086
  java -jar "$jar" $sweep --out "$out" --run-id "hogged-$rep" > "$out/hogged-$rep.log" 2>&1 &
  run_pid=$!
  sleep $(( length / 3 ))
  ( while :; do :; done ) &
  hog_pid=$!
  sleep $(( length / 3 ))
  stop_hog
  wait "$run_pid" || { echo "noise-check: the hogged run failed; see $out/hogged-$rep.log" >&2; exit 2; }
  echo "== repetition $rep of $reps: quiet against hogged (a busy core from ${length}/3 s to 2x${length}/3 s)"
  java -cp "$jar" dev.infbench.tools.NoiseVerdicts "$out/quiet-$rep" "$out/hogged-$rep" || status=$?
  [ "$status" -ge 2 ] && exit "$status"
done
echo "noise-check: run folders in $out"
exit "$status"
