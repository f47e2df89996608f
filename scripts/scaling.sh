#!/usr/bin/env bash
# The curve of one large file's analysis against the cores it may use: `sip-analyzer analyze` pinned with taskset to
# 1, 2, 4 and 8 cores (as many of them as this machine has), each with the threads the defaults choose for that many
# cores, runs of the core counts alternating, the file in the page cache. Prints wall time (best and median), CPU,
# peak RSS, SIP messages/s and the speed against 2 cores, as docs/performance.md shows it.
#
# Usage: scripts/scaling.sh [KIND|CAPTURE] [RUNS]
#   KIND is a synthetic capture generated once into target/bench:
#     sip-only (the default) 2,990,000 SIP messages of calls, registrations and OPTIONS (10M packets before their RTP
#              was left out; 1.2 GB)
#     flood    2,000,000 messages, each a new Call-ID, from 50,000 sources (820 MB)
#   CAPTURE is any capture file. RUNS (default 5) of each core count.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
what=${1:-sip-only}
runs=${2:-5}
command -v taskset >/dev/null || { echo "scaling: taskset is needed (util-linux)" >&2; exit 2; }
# shellcheck source=bench-lib.sh
. scripts/bench-lib.sh
bench_classpath
mkdir -p target/bench
case "$what" in
  sip-only) capture=target/bench/synthetic-sip-only-10m.pcap; packets=10000000 ;;
  flood) capture=target/bench/synthetic-flood-2m.pcap; packets=2000000 ;;
  *) capture=$what
     [ -f "$capture" ] || { echo "scaling: $capture: no such file (or kind: sip-only, flood)" >&2; exit 2; } ;;
esac
if [ ! -f "$capture" ]; then
  java -cp "$cp" org.sipanalyzer.testing.SyntheticCapture "$capture" "$packets" 1 "$what" >&2
fi
cat "$capture" > /dev/null   # into the page cache
./sip-analyzer analyze -f json -o target/bench/scaling.json "$capture" >/dev/null 2>&1 || true  # builds the jar once
sip=$(awk -F': *' '/"sipMessages"/ {gsub(/,/, "", $2); print $2; exit}' target/bench/scaling.json)

have=$(nproc)
counts=()
for n in 1 2 4 8; do
  [ "$n" -le "$have" ] && counts+=("$n")
done
declare -A walls cpus rss
for i in $(seq "$runs"); do
  for n in "${counts[@]}"; do
    /usr/bin/time -o target/bench/time.txt -f "%e %U %S %M" \
      taskset -c "0-$((n - 1))" ./sip-analyzer analyze -f json -o /dev/null "$capture" >/dev/null 2>&1
    read -r e u s m < <(tail -1 target/bench/time.txt)
    walls[$n]="${walls[$n]:-} $e"
    cpus[$n]="${cpus[$n]:-} $(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')"
    [ "$m" -gt "${rss[$n]:-0}" ] && rss[$n]=$m
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
best() { tr ' ' '\n' | grep -v '^$' | sort -n | head -1; }
base=$(echo "${walls[2]:-${walls[1]}}" | median)
echo "capture: $capture ($sip SIP messages), $runs runs per core count, this machine: $have cores"
echo "| cores | scan threads, call threads | best | median | CPU (median) | SIP messages/s (median) | vs 2 cores | peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for n in 1 2 4 8; do
  threads=$(java -cp "$cp" org.sipanalyzer.bench.ThreadDefaults "$n" | awk '{print $1 ", " $2}')
  if [ -z "${walls[$n]:-}" ]; then
    echo "| $n | $threads | not measured: this machine has $have cores | | | | | |"
    continue
  fi
  b=$(echo "${walls[$n]}" | best)
  m=$(echo "${walls[$n]}" | median)
  c=$(echo "${cpus[$n]}" | median)
  awk -v n="$n" -v t="$threads" -v b="$b" -v m="$m" -v c="$c" -v s="$sip" -v base="$base" -v r="${rss[$n]}" 'BEGIN {
    printf "| %d | %s | %.2f s | %.2f s | %.2f s | %.0f | %.2fx | %.0f MB |\n", n, t, b, m, c, s / m, base / m, r / 1024
  }'
done
