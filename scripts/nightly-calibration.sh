#!/usr/bin/env bash
# Calibrates the nightly change detection on this machine with a fixed protocol (README, "Nightly runs"):
# simulated nights of scripts/nightly.sh in a fresh nightly home, each a full run of the nightly sweep,
#   - UNCHANGED nights of the same build (the first becomes the baseline): any cell reported is a false alarm;
#   - then SLOWED nights per slowdown in SLOWDOWNS (percent), where one cell (SLOW_CELL, by default the int8 cell)
#     busy-waits that share of its baseline p50 inside every timed call (-Dinfbench.test.delay): exactly that cell
#     should be reported, and the script says after how many of its nights it was.
#
#   scripts/nightly-calibration.sh [UNCHANGED [SLOWED_NIGHTS [SLOWDOWNS...]]]   (default: 10 2 10 20)
#
# Runs the build first; takes about 2 minutes a night (more when a suspected change is rerun) on 2 cores.
# Nothing else should run on the machine meanwhile: it is a timing check (one JMH run per host).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
unchanged=${1:-10}
slowed_nights=${2:-2}
shift $(( $# > 2 ? 2 : $# ))
slowdowns=("$@")
[ ${#slowdowns[@]} -gt 0 ] || slowdowns=(10 20)
slow_cell=${SLOW_CELL:-precision=int8+threads=1}
jmh=(-f 6 -wi 1 -w 500ms -i 3 -r 1s --no-peak)

home=$(mktemp -d /tmp/nightly-calibration.XXXXXX)
log=$home/calibration.log
echo "calibration: nightly home $home; $unchanged unchanged nights, then $slowed_nights nights at each of" \
  "+${slowdowns[*]}% on $slow_cell" | tee "$log"
(cd "$root" && ./mvnw -q install -DskipTests) || { echo "calibration: the build failed" >&2; exit 3; }

# One night; prints "exit=N reported=K keys..." from the nightly output.
night() {
  local out rc
  out=$("$root/scripts/nightly.sh" --home "$home" --no-build -- "${jmh[@]}" "$@" 2>>"$home/launcher.log")
  rc=$?
  echo "$out" >> "$log"
  echo "exit=$rc reported=$(grep -c '^nightly: SLOWER' <<<"$out")" \
    "$(grep '^nightly: SLOWER' <<<"$out" | sed 's/.*InferenceBenchmark[^ ]* //' | tr '\n' ';')" \
    "reruns=$(grep -c 'rerunning the sweep' <<<"$out")"
}

false_alarms=0
for i in $(seq 1 "$unchanged"); do
  result=$(night)
  echo "unchanged night $i: $result" | tee -a "$log"
  # The first night is the baseline: only the nights checked against it can cry wolf.
  if [ "$i" -gt 1 ]; then
    case "$result" in exit=0*) ;; *) false_alarms=$((false_alarms + 1)) ;; esac
  fi
done

# The slowed cell's p50 in the baseline run: p50_ms of the results.csv row whose parameter columns match SLOW_CELL
# (RFC 4180: the key and the effective settings are quoted and hold commas, so fields are split quote-aware).
baseline=$(cat "$home"/baselines/*)
p50=$(awk -v want="$slow_cell" '
  function split_csv(line, f,    n, i, c, q, cur) {
    n = 0; cur = ""; q = 0
    for (i = 1; i <= length(line); i++) {
      c = substr(line, i, 1)
      if (q) { if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { cur = cur c; i++ } else q = 0 } else cur = cur c }
      else if (c == "\"") q = 1
      else if (c == ",") { f[++n] = cur; cur = "" }
      else if (c != "\r") cur = cur c
    }
    f[++n] = cur; return n
  }
  NR == 1 { n = split_csv($0, head); for (i = 1; i <= n; i++) col[head[i]] = i; next }
  { split_csv($0, f); k = split(want, pairs, "+"); ok = 1
    for (j = 1; j <= k; j++) { split(pairs[j], kv, "="); if (f[col[kv[1]]] != kv[2]) ok = 0 }
    if (ok) { print f[col["p50_ms"]]; exit } }' "$baseline/results.csv")
[ -n "$p50" ] || { echo "calibration: no p50 for $slow_cell in $baseline/results.csv" >&2; exit 3; }
echo "calibration: the slowed cell's baseline p50 is $p50 ms" | tee -a "$log"

for pct in "${slowdowns[@]}"; do
  micros=$(awk -v p="$p50" -v s="$pct" 'BEGIN { printf "%d", p * 1000 * s / 100 }')
  flagged_after=""
  for i in $(seq 1 "$slowed_nights"); do
    result=$(night -jvmArgsAppend "-Dinfbench.test.delay=$slow_cell:$micros")
    echo "+$pct% night $i (${micros} us a call): $result" | tee -a "$log"
    case "$result" in exit=1*) [ -n "$flagged_after" ] || flagged_after=$i ;; esac
  done
  echo "calibration: +$pct% flagged after ${flagged_after:-no} night(s) of $slowed_nights" | tee -a "$log"
done
echo "calibration: $false_alarms false alarm(s) in $((unchanged - 1)) unchanged nights checked against the first; log $log" | tee -a "$log"
java -jar "$root/harness/target/harness.jar" trend --home "$home" | tail -3
