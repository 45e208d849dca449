#!/usr/bin/env bash
# Runs benchmarks.jar with the network cut off (a new network namespace with nothing but loopback, which JMH needs to
# talk to its forks) and an empty HOME, to prove that nothing is downloaded at run time.
# Needs unshare(1) from util-linux, ip(8) from iproute2, and user namespaces.
#   scripts/offline-check.sh [launcher arguments...]      (default: the smoke sweep with short iterations)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "offline-check: $jar is missing; build it with ./mvnw -q package -DskipTests" >&2; exit 2; }
home=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
if [ $# -eq 0 ]; then
  set -- --sweep smoke -f 1 -wi 1 -w 500ms -i 2 -r 500ms
fi
# The JVM's temp files (native libraries unpacked by ONNX Runtime and the tokenizer) go to the empty HOME too.
unshare -rn sh -c 'ip link set lo up && exec "$@"' sh env -i PATH="$PATH" HOME="$home" JAVA_HOME="${JAVA_HOME:-}" \
  java -Djava.io.tmpdir="$home" -jar "$jar" --out "$out" "$@"
echo "offline-check: the run above had no network and HOME=$home (empty at start); results in $out"
