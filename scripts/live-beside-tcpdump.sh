#!/usr/bin/env bash
# The proof that `sip-analyzer live` counts what a capture of the same traffic counts: in a network namespace of its
# own (unshare -n, as root: nothing else on its loopback; tcpdump cannot drop privileges in a user namespace), SIPp calls with every common outcome run over UDP then TCP
# (samples/make-samples.sh) while tcpdump records them and `live -i lo` analyses them as they pass; then `live` is
# sent SIGTERM and its report is compared with `analyze` of tcpdump's captures. Prints one line per figure; exits 0
# when they agree, 1 when they differ, 2 when it cannot run here (not root, or unshare not permitted; sipp, tcpdump,
# python3 or libpcap missing; no jar: mvn -B package). Every process is bounded and stopped.
# Usage: scripts/live-beside-tcpdump.sh [JAR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/proof-lib.sh"
jar=${1:-$root/analyzer-cli/target/sip-analyzer.jar}
require live-beside-tcpdump "$jar" sipp tcpdump python3 java unshare
if [ "${LIVE_NETNS:-}" != 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "live-beside-tcpdump: needs root (a network namespace, tcpdump)" >&2; exit 2; }
  unshare -n true 2>/dev/null || { echo "live-beside-tcpdump: network namespaces are not permitted here" >&2; exit 2; }
  LIVE_NETNS=1 exec unshare -n "$0" "$jar"
fi
ip link set lo up 2>/dev/null || { command -v ip >/dev/null || { echo "live-beside-tcpdump: ip (iproute2) is not installed" >&2; exit 2; }; }
work=$(mktemp -d)
live_pid=
cleanup() {
  [ -n "$live_pid" ] && kill -KILL "$live_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# --duration bounds it; the proof ends it sooner with SIGTERM.
java -jar "$jar" live -i lo --duration 240 --interval 0 -f json -o "$work/live.json" 2>"$work/live.err" &
live_pid=$!
wait_for_line "$work/live.err" "capturing on" || exit 2

"$root/samples/make-samples.sh" "$work/captures" >"$work/make.log" 2>&1 || { cat "$work/make.log" >&2; exit 2; }
sleep 1
stop_and_wait "$live_pid" || { echo "live-beside-tcpdump: live failed" >&2; cat "$work/live.err" >&2; exit 2; }
live_pid=

java -jar "$jar" analyze -f json -o "$work/analyze.json" "$work/captures/sipp-calls-udp.pcap" \
  "$work/captures/sipp-calls-tcp.pcap"
compare_reports live "$work/live.json" "$work/analyze.json"
