#!/usr/bin/env bash
# The proof that `sip-analyzer listen` counts what a capture of the same traffic counts: Kamailio's siptrace sends
# HEP3 of real SIPp calls (samples/make-hep-sample.sh: over UDP to 127.0.0.1:9060, then over TCP to 9061) to a
# running `listen`, while tcpdump records the same HEP packets; then `listen` is sent SIGTERM, and its report is
# compared with `analyze` of the two captures. Prints one line per figure and exits 0 when they agree, 1 when they
# differ, 2 when it cannot run (needs root for tcpdump on lo, sipp, tcpdump, kamailio, python3, and the runnable
# jar: mvn -B package). Everything stays on 127.0.0.1 and every process is bounded and stopped.
# Usage: scripts/listen-beside-tcpdump.sh [JAR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/proof-lib.sh"
jar=${1:-$root/analyzer-cli/target/sip-analyzer.jar}
require listen-beside-tcpdump "$jar" sipp tcpdump kamailio python3 java
[ "$(id -u)" = 0 ] || { echo "listen-beside-tcpdump: tcpdump on lo needs root" >&2; exit 2; }
work=$(mktemp -d)
listen_pid=
cleanup() {
  [ -n "$listen_pid" ] && kill -KILL "$listen_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

java -jar "$jar" listen --duration 240 --hep udp:127.0.0.1:9060 --hep tcp:127.0.0.1:9061 --interval 0 -f json \
  -o "$work/listen.json" 2>"$work/listen.err" &
listen_pid=$!
wait_for_line "$work/listen.err" "listening for HEP" || exit 2

HEP_COLLECTOR=external "$root/samples/make-hep-sample.sh" "$work/captures" >"$work/make.log" 2>&1 \
  || { cat "$work/make.log" >&2; exit 2; }
sleep 1
stop_and_wait "$listen_pid" || { echo "listen-beside-tcpdump: listen failed" >&2; cat "$work/listen.err" >&2; exit 2; }
listen_pid=

java -jar "$jar" analyze -f json -o "$work/analyze.json" "$work/captures/kamailio-hep.pcap" \
  "$work/captures/kamailio-hep-tcp.pcap"
compare_reports listen "$work/listen.json" "$work/analyze.json"
