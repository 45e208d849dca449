#!/usr/bin/env bash
# One unattended benchmark night on this machine: build once, run a named sweep, compare it with this machine's
# baseline (chosen by hardware key), confirm a suspected slowdown with a rerun, append the night to the machine's
# history, refresh the trend report, and exit non-zero when cells are confirmed slower.
#
#   scripts/nightly.sh --home DIR [--sweep NAME|FILE] [--wait SECONDS] [--no-build] [--jars DIR] [--export DIR]
#                      [-- LAUNCHER ARGS...]
#
#   --home DIR      the nightly home, kept between nights: runs/, baselines/, history/, trend/ (see README, "Nightly")
#   --sweep S       a sweep bundled in benchmarks.jar or a sweep file (default: nightly)
#   --wait SECONDS  when another run holds the host (the launcher's exit 75), retry for this long, then skip the
#                   night with exit 75 (default 0: skip at once); the launcher's message names the job holding it
#   --no-build      use the jars as they are (default: ./mvnw -q install -DskipTests in this checkout first)
#   --jars DIR      where benchmarks.jar and harness.jar are (default: this checkout's target folders)
#   --export DIR    copy the night's run folder (and its rerun) into DIR, e.g. for a CI artifact upload
#   -- ARGS         passed to the launcher instead of the default JMH options (-f 6 -wi 1 -w 500ms -i 3 -r 1s)
#
# Exit status: 0 nothing slower (or the machine's first night, now its baseline); 1 cells confirmed slower;
# 2 bad usage, or the harness refused tonight's files (a missing env.json, a damaged history: its line says which);
# 3 the build failed, cells failed tonight, the night could not be judged (no baseline yet, nothing compared), the
# rerun could not run, or the launcher could not run at all; 75 the host stayed busy and the night was skipped.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
home=""
sweep=nightly
wait_s=0
build=1
jars=""
export_dir=""
launcher_args=(-f 6 -wi 1 -w 500ms -i 3 -r 1s)

usage() { echo "nightly: $1 (see the head of $0)" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --home) [ $# -ge 2 ] || usage "--home needs a folder"; home=$2; shift 2 ;;
    --sweep) [ $# -ge 2 ] || usage "--sweep needs a name or file"; sweep=$2; shift 2 ;;
    --wait) [ $# -ge 2 ] && [[ $2 =~ ^[0-9]+$ ]] || usage "--wait needs seconds"; wait_s=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --jars) [ $# -ge 2 ] || usage "--jars needs a folder"; jars=$2; shift 2 ;;
    --export) [ $# -ge 2 ] || usage "--export needs a folder"; export_dir=$2; shift 2 ;;
    --) shift; launcher_args=("$@"); break ;;
    *) usage "unknown argument '$1'" ;;
  esac
done
[ -n "$home" ] || usage "--home DIR is required"
mkdir -p "$home/runs" || { echo "nightly: cannot create $home/runs" >&2; exit 2; }

if [ "$build" = 1 ]; then
  echo "nightly: building in $root"
  (cd "$root" && ./mvnw -q install -DskipTests) || { echo "nightly: the build failed; nothing was run" >&2; exit 3; }
fi
if [ -n "$jars" ]; then
  bench=$jars/benchmarks.jar; harness=$jars/harness.jar
else
  bench=$root/benchmarks/target/benchmarks.jar; harness=$root/harness/target/harness.jar
fi
for jar in "$bench" "$harness"; do
  [ -f "$jar" ] || { echo "nightly: $jar not found (build first, or pass --jars)" >&2; exit 2; }
done

# Runs the sweep as run folder $home/runs/$1, retrying while the host is busy; prints the launcher's exit status.
run_sweep() {
  local id=$1 deadline=$(( $(date +%s) + wait_s )) rc
  while true; do
    java -jar "$bench" --sweep "$sweep" --out "$home/runs" --run-id "$id" "${launcher_args[@]}" >&2
    rc=$?
    if [ "$rc" != 75 ]; then
      echo "$rc"; return
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "nightly: the host stayed busy (the launcher's line above names the run holding it): night $id skipped" >&2
      echo 75; return
    fi
    echo "nightly: the host is busy (see above); retrying in 60 s" >&2
    sleep 60
  done
}

night=$(date -u +%Y%m%d-%H%M%S)
night_rc=$(run_sweep "$night")
case "$night_rc" in
  0|3) ;;
  75) exit 75 ;;
  *) echo "nightly: the launcher ended with status $night_rc; no comparison made" >&2; exit "$night_rc" ;;
esac
run=$home/runs/$night
# Exit 3 can also mean the launcher stopped before it made a run folder (the machine cannot run it): said above.
[ -d "$run" ] || { echo "nightly: the launcher made no run folder (status $night_rc); no comparison made" >&2; exit 3; }
exported=("$run")

java -jar "$harness" nightly --home "$home" "$run"
check_rc=$?
if [ "$check_rc" = 4 ]; then
  echo "nightly: rerunning the sweep to confirm"
  confirm_rc=$(run_sweep "$night-confirm")
  if { [ "$confirm_rc" = 0 ] || [ "$confirm_rc" = 3 ]; } && [ -d "$home/runs/$night-confirm" ]; then
    java -jar "$harness" nightly --home "$home" "$run" --confirm "$home/runs/$night-confirm"
    check_rc=$?
    exported+=("$home/runs/$night-confirm")
  else
    echo "nightly: the rerun could not run (status $confirm_rc); tonight is recorded with its suspected cells" \
      "unconfirmed" >&2
    java -jar "$harness" nightly --home "$home" "$run" --no-rerun
    check_rc=3
  fi
fi
java -jar "$harness" trend --home "$home" > /dev/null || echo "nightly: the trend report could not be written" >&2

if [ -n "$export_dir" ]; then
  mkdir -p "$export_dir" && cp -r "${exported[@]}" "$export_dir"/ \
    || echo "nightly: could not copy the run folders into $export_dir" >&2
fi
if [ "$check_rc" != 0 ]; then
  exit "$check_rc"
fi
exit "$night_rc"
