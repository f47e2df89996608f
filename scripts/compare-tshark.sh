#!/usr/bin/env bash
# Times `sip-analyzer analyze` beside `tshark -q -z sip,stat` on the same capture, runs of the two alternating,
# with the file in the page cache, and prints throughput, peak memory and the speed-up.
#
# Usage: scripts/compare-tshark.sh [KIND|CAPTURE] [RUNS]
#   KIND is a synthetic capture of 1,000,000 packets, generated once into target/bench with its true counts:
#     rtp-mix  (the default) calls, registrations and OPTIONS with RTP between them: 30% of packets are SIP
#     sip-only the rtp-mix capture without its RTP (its 297,474 SIP packets), as a capture filtered to the signalling
#     flood    every message a new Call-ID, from 50,000 sources: scanners hitting an internet-facing server
#   CAPTURE is any capture file. RUNS (default 5) of sip-analyzer; tshark runs at most twice (it is slow).
set -euo pipefail
# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
bench_args compare-tshark "rtp-mix sip-only flood" "${1:-rtp-mix}" "${2:-5}"
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v tshark >/dev/null || { echo "compare-tshark: tshark is needed (apt-get install tshark)" >&2; exit 2; }
bench_classpath
mkdir -p target/bench
case "$what" in
  rtp-mix | sip-only | flood)
    capture=target/bench/synthetic-$what-1m.pcap
    [ "$what" = rtp-mix ] && [ -f target/bench/synthetic-1m.pcap ] && capture=target/bench/synthetic-1m.pcap
    bench_generate "$capture" 1000000 "$what" ;;
  *) capture=$what ;;
esac
packets=$(capinfos -M -c "$capture" 2>/dev/null | awk -F': *' '/Number of packets/ {print $2}')
cat "$capture" > /dev/null   # into the page cache
./sip-analyzer --version >/dev/null   # builds the launcher's jar and class-data archive, if stale, before any timing

measure() { # prints "seconds maxrss_kb cpu_seconds"
  /usr/bin/time -f "%e %M %U %S" "$@" > /dev/null 2> "$root/target/bench/time.txt" || true
  tail -1 "$root/target/bench/time.txt" | awk '{print $1, $2, $3 + $4}'
}
best_ours=""; rss_ours=0; cpu_ours=""; best_tshark=""; rss_tshark=0
for i in $(seq "$runs"); do
  read -r s k c < <(measure ./sip-analyzer analyze "$capture")
  if [ -z "$best_ours" ] || awk "BEGIN {exit !($s < $best_ours)}"; then best_ours=$s; cpu_ours=$c; fi
  [ "$k" -gt "$rss_ours" ] && rss_ours=$k
  if [ "$i" -le 2 ]; then
    read -r s k c < <(measure tshark -q -z sip,stat -r "$capture")
    if [ -z "$best_tshark" ] || awk "BEGIN {exit !($s < $best_tshark)}"; then best_tshark=$s; fi
    [ "$k" -gt "$rss_tshark" ] && rss_tshark=$k
  fi
done
./sip-analyzer analyze -f json -o target/bench/report.json "$capture"
sip=$(awk -F': *' '/"sipMessages"/ {gsub(/,/, "", $2); print $2; exit}' target/bench/report.json)
awk -v p="$packets" -v m="$sip" -v a="$best_ours" -v c="$cpu_ours" -v t="$best_tshark" -v ra="$rss_ours" \
    -v rt="$rss_tshark" -v f="$capture" 'BEGIN {
  printf "capture: %s (%d packets, %d SIP messages)\n", f, p, m
  printf "sip-analyzer analyze: %.2f s  %9.0f SIP messages/s  %.2f CPU-s  peak RSS %4.0f MB (best of runs)\n", a, m/a, c, ra/1024
  printf "tshark -z sip,stat:   %.2f s  %9.0f SIP messages/s  peak RSS %4.0f MB\n", t, m/t, rt/1024
  printf "speed-up: %.1fx\n", t/a
}'
