#!/usr/bin/env bash
# The curve of one large file's analysis against the cores it may use: `sip-analyzer analyze` pinned with taskset to
# 1, 2, 4 and 8 of the cores this process may run on (as many of those counts as there are), each with the threads the
# defaults choose for that many cores, runs of the core counts alternating, the file in the page cache. Prints wall
# time (best and median), CPU, peak RSS, SIP messages/s and the speed against 2 cores, as a Markdown table.
#
# Usage: scripts/scaling.sh [KIND|CAPTURE] [RUNS]
#   KIND is a synthetic capture generated once into target/bench:
#     sip-only (the default) about 2,990,000 SIP messages of calls, registrations and OPTIONS (10M packets before
#              their RTP was left out; 1.2 GB)
#     flood    2,000,000 messages, each a new Call-ID, from 50,000 sources (820 MB)
#   CAPTURE is any capture file. RUNS (default 5) of each core count.
set -euo pipefail
# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_args scaling "sip-only flood" "${1:-sip-only}" "${2:-5}"
for tool in taskset /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "scaling: $tool is needed (util-linux, GNU time)" >&2; exit 2; }
done
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bench_classpath
mkdir -p target/bench
case "$what" in
  sip-only) capture=target/bench/synthetic-sip-only-10m.pcap; bench_generate "$capture" 10000000 "$what" ;;
  flood) capture=target/bench/synthetic-flood-2m.pcap; bench_generate "$capture" 2000000 "$what" ;;
  *) capture=$what ;;
esac
cat "$capture" > /dev/null   # into the page cache
json=target/bench/scaling.json
rm -f "$json"
# The first run builds the launcher's jar when the sources changed, and gives the count of SIP messages.
./sip-analyzer analyze -f json -o "$json" "$capture" >/dev/null 2>target/bench/scaling.err || true
[ -s "$json" ] || { echo "scaling: the analysis of $capture failed:" >&2; cat target/bench/scaling.err >&2; exit 1; }
sip=$(awk -F': *' '/"sipMessages"/ {gsub(/,/, "", $2); print $2; exit}' "$json")

# The cores this process may use (a container or an outer taskset may allow some only), in order.
allowed=()
IFS=, read -ra ranges < <(awk '/^Cpus_allowed_list/ {print $2}' /proc/self/status)
for r in "${ranges[@]}"; do
  if [[ "$r" == *-* ]]; then
    for ((c = ${r%-*}; c <= ${r#*-}; c++)); do allowed+=("$c"); done
  else
    allowed+=("$r")
  fi
done
cores_for() { # the first $1 allowed cores, as taskset's list
  local IFS=,
  echo "${allowed[*]:0:$1}"
}

counts=()
for n in 1 2 4 8; do
  [ "$n" -le "${#allowed[@]}" ] && [ "$(taskset -c "$(cores_for "$n")" nproc)" -eq "$n" ] && counts+=("$n")
done
declare -A walls cpus rss
for i in $(seq "$runs"); do
  for n in "${counts[@]}"; do
    if ! /usr/bin/time -o target/bench/time.txt -f "%e %U %S %M" taskset -c "$(cores_for "$n")" \
        ./sip-analyzer analyze -f json -o /dev/null "$capture" >/dev/null 2>target/bench/scaling.err; then
      echo "scaling: the run on $n cores failed:" >&2
      cat target/bench/scaling.err target/bench/time.txt >&2
      exit 1
    fi
    read -r e u s m < <(tail -1 target/bench/time.txt)
    walls[$n]="${walls[$n]:-} $e"
    cpus[$n]="${cpus[$n]:-} $(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')"
    [ "$m" -gt "${rss[$n]:-0}" ] && rss[$n]=$m
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
best() { tr ' ' '\n' | grep -v '^$' | sort -n | head -1; }
have="${#allowed[@]} cores"
[ "${#allowed[@]}" -eq 1 ] && have="1 core"
base=
[ -n "${walls[2]:-}" ] && base=$(echo "${walls[2]}" | median)
echo "capture: $capture ($sip SIP messages), $runs runs per core count; this process may use $have"
echo
echo "| cores | scanning threads, call threads | best | median | CPU (median) | SIP messages/s (median) | against 2 cores | peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for n in 1 2 4 8; do
  threads=$(java -cp "$cp" org.sipanalyzer.bench.ThreadDefaults "$n" | awk '{print $1 ", " $2}')
  if [ -z "${walls[$n]:-}" ]; then
    echo "| $n | $threads | not measured: $have here | | | | | |"
    continue
  fi
  b=$(echo "${walls[$n]}" | best)
  m=$(echo "${walls[$n]}" | median)
  c=$(echo "${cpus[$n]}" | median)
  awk -v n="$n" -v t="$threads" -v b="$b" -v m="$m" -v c="$c" -v s="$sip" -v base="$base" -v r="${rss[$n]}" 'BEGIN {
    against = base == "" ? "n/a" : sprintf("%.2fx", base / m)
    printf "| %d | %s | %.2f s | %.2f s | %.2f s | %.0f | %s | %.0f MB |\n", n, t, b, m, c, s / m, against, r / 1024
  }'
done
