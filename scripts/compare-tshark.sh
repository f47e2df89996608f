#!/usr/bin/env bash
# Times `sip-analyzer analyze` beside `tshark -q -z sip,stat` on the same capture, with the file in the page
# cache, and prints throughput, peak memory and the speed-up. Without an argument it generates (once) a
# synthetic capture of 1,000,000 packets whose true counts are written beside it.
# Usage: scripts/compare-tshark.sh [CAPTURE] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${2:-5}
capture=${1:-}
command -v tshark >/dev/null || { echo "compare-tshark: tshark is needed (apt-get install tshark)" >&2; exit 2; }
mvn -B -q -Dstyle.color=never -DskipTests install >&2
if [ -z "$capture" ]; then
  capture=target/bench/synthetic-1m.pcap
  if [ ! -f "$capture" ]; then
    mkdir -p target/bench
    mvn -B -q -Dstyle.color=never -pl analyzer-core dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench.classpath >&2
    cp="analyzer-core/target/test-classes:analyzer-core/target/classes:$(cat analyzer-core/target/bench.classpath)"
    java -cp "$cp" org.sipanalyzer.testing.SyntheticCapture "$capture" 1000000 1 >&2
  fi
fi
packets=$(capinfos -M -c "$capture" 2>/dev/null | awk -F': *' '/Number of packets/ {print $2}')
cat "$capture" > /dev/null   # into the page cache

measure() { # prints "seconds maxrss_kb"
  /usr/bin/time -f "%e %M" "$@" > /dev/null 2> "$root/target/bench/time.txt" || true
  tail -1 "$root/target/bench/time.txt"
}
mkdir -p target/bench
best_ours=""; rss_ours=0
for i in $(seq "$runs"); do
  read -r s k < <(measure ./sip-analyzer analyze "$capture")
  if [ -z "$best_ours" ] || awk "BEGIN {exit !($s < $best_ours)}"; then best_ours=$s; fi
  [ "$k" -gt "$rss_ours" ] && rss_ours=$k
done
best_tshark=""; rss_tshark=0
for i in $(seq "$(( runs < 2 ? runs : 2 ))"); do
  read -r s k < <(measure tshark -q -z sip,stat -r "$capture")
  if [ -z "$best_tshark" ] || awk "BEGIN {exit !($s < $best_tshark)}"; then best_tshark=$s; fi
  [ "$k" -gt "$rss_tshark" ] && rss_tshark=$k
done
awk -v p="$packets" -v a="$best_ours" -v t="$best_tshark" -v ra="$rss_ours" -v rt="$rss_tshark" -v f="$capture" 'BEGIN {
  printf "capture: %s (%d packets)\n", f, p
  printf "sip-analyzer analyze: %.2f s  %9.0f packets/s  peak RSS %4.0f MB (best of runs)\n", a, p/a, ra/1024
  printf "tshark -z sip,stat:   %.2f s  %9.0f packets/s  peak RSS %4.0f MB\n", t, p/t, rt/1024
  printf "speed-up: %.1fx\n", t/a
}'
