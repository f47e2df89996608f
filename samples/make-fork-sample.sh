#!/usr/bin/env bash
# Re-creates samples/kamailio-fork.pcap: SIPp calls through Kamailio as a forking proxy (RFC 3261 section 16.7)
# on loopback, every leg recorded. sip:forkA rings two callees at once: one answers, the proxy cancels the
# other. sip:forkB rings two callees that both refuse (486 and 480); the proxy sends the caller one of them.
# Needs root (tcpdump on lo), sipp, tcpdump and kamailio (Debian's packages). Traffic stays on 127.0.0.1;
# every run is bounded by timeout.
# Usage: samples/make-fork-sample.sh [OUTDIR]     (default: samples/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
mkdir -p "$out"
. "$here/sample-lib.sh"
work=$(mktemp -d)
trap 'stop_everything "$work"' EXIT

require make-fork-sample sipp tcpdump kamailio
modules=$(dirname "$(find /usr/lib -name tm.so -path '*kamailio*' | head -1)")

capture="$work/capture.pcap"
timeout 90 tcpdump -i lo -n -s 0 -U -w "$capture" "udp and portrange 7070-7099" 2>"$work/tcpdump.log" &
tcpdump_pid=$!
timeout 90 kamailio -f "$here/kamailio/fork-proxy.cfg" -L "$modules" -DD -E -w "$work" -P "$work/kamailio.pid" \
  >"$work/kamailio.log" 2>&1 &
sleep 2
start_callee "$here" "$work" u1 7071 builtin
start_callee "$here" "$work" u1 7072 cancel
start_callee "$here" "$work" u1 7073 final 486 Busy_Here 17
start_callee "$here" "$work" u1 7074 final 480 Temporarily_Unavailable 18
sleep 1
for c in "forkA 3" "forkB 2"; do
  set -- $c
  timeout 30 sipp -sf "$here/sipp/uac-any.xml" -t u1 -i 127.0.0.1 -p 7090 -s "$1" 127.0.0.1:7070 \
    -m "$2" -r 5 -l 1 -timeout 20s -nostdin -trace_err -error_file "$work/uac-$1.err" \
    >/dev/null 2>&1 || echo "make-fork-sample: calls to $1 did not all end as planned" >&2
done
sleep 1
kill "$tcpdump_pid" 2>/dev/null; wait "$tcpdump_pid" 2>/dev/null || true
cp "$capture" "$out/kamailio-fork.pcap"
echo "wrote $out/kamailio-fork.pcap"
