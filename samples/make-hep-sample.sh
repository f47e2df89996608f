#!/usr/bin/env bash
# Re-creates samples/kamailio-hep.pcap and samples/kamailio-hep-tcp.pcap: SIPp calls through Kamailio (a
# stateless proxy) on loopback, with Kamailio's siptrace module mirroring every message it receives and sends
# as HEP3, over UDP to 127.0.0.1:9060, then over TCP to 127.0.0.1:9061 (a small python3 sink accepts it). Only
# the HEP traffic is recorded, so every SIP message in the captures is inside HEP. Needs root (tcpdump on lo),
# sipp, tcpdump, kamailio and python3 (Debian's packages). Traffic stays on 127.0.0.1; every run is bounded.
# Usage: samples/make-hep-sample.sh [OUTDIR]     (default: samples/)
# With HEP_COLLECTOR=external, a collector already listens on 127.0.0.1:9060 (UDP) and 9061 (TCP), such as
# `sip-analyzer listen` (scripts/listen-beside-tcpdump.sh), and no sink is started here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
. "$here/sample-lib.sh"
mkdir -p "$out"
work=$(mktemp -d)
trap 'stop_everything "$work"' EXIT

require make-hep-sample sipp tcpdump kamailio python3
modules=$(dirname "$(find /usr/lib -name siptrace.so -path '*kamailio*' | head -1)")
[ -n "$modules" ] || { echo "make-hep-sample: Kamailio's siptrace module is not installed" >&2; exit 2; }

# Callees behind the proxy: port, callee scenario, caller scenario, calls, and for "final" its code, reason
# and Q.850 cause. Port 0 is no callee: the caller asks for a user the proxy does not route (404 from it).
callees=(
  "7061 builtin any 3"
  "7062 final any 2 486 Busy_Here 17"
  "7063 final any 2 503 Service_Unavailable 41"
  "7064 cancel cancel 2"
  "7065 challenge auth 2"
  "0 none any 2"
)

# run udp|tcp OUTFILE
run() {
  local transport=$1 file=$2 capture="$work/capture.pcap" define=() filter="udp port 9060"
  rm -f "$capture"
  if [ "$transport" = tcp ]; then
    define=(-A HEP_TCP)
    filter="tcp port 9061"
  fi
  if [ "$transport" = tcp ] && [ "${HEP_COLLECTOR:-}" != external ]; then
    # A HEP collector that accepts the connection and discards what it reads, for 60 s at most.
    timeout 70 python3 -c '
import socket, threading, time
end = time.time() + 60
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 9061)); s.listen(8); s.settimeout(1)
def drain(c):
    c.settimeout(1)
    while time.time() < end:
        try:
            if not c.recv(65536): break
        except socket.timeout: pass
while time.time() < end:
    try: threading.Thread(target=drain, args=(s.accept()[0],), daemon=True).start()
    except socket.timeout: pass
' &
  fi
  timeout 90 tcpdump -i lo -n -s 0 -U -w "$capture" "$filter" 2>"$work/tcpdump.log" &
  local tcpdump_pid=$!
  timeout 90 kamailio -f "$here/kamailio/hep-proxy.cfg" "${define[@]}" -L "$modules" -DD -E -w "$work" \
    -P "$work/kamailio.pid" >"$work/kamailio.log" 2>&1 &
  sleep 2
  for c in "${callees[@]}"; do
    set -- $c
    [ "$2" = none ] && continue
    start_callee "$here" "$work" u1 "$1" "$2" "${5:-}" "${6:-}" "${7:-}"
  done
  sleep 1
  for c in "${callees[@]}"; do
    set -- $c
    local service=svc$1
    [ "$1" = 0 ] && service=nobody
    timeout 30 sipp -sf "$here/sipp/uac-$3.xml" -t u1 -i 127.0.0.1 -p 7090 -s "$service" 127.0.0.1:7060 \
      -m "$4" -r 10 -l 2 -timeout 20s -nostdin -trace_err -error_file "$work/uac-$service.err" \
      >/dev/null 2>&1 || echo "make-hep-sample: calls to $service did not all end as planned" >&2
  done
  sleep 1
  kill "$tcpdump_pid" 2>/dev/null; wait "$tcpdump_pid" 2>/dev/null || true
  kill "$(cat "$work/kamailio.pid")" 2>/dev/null || true
  pkill -f "sipp .* -i 127.0.0.1 -p 70[0-9][0-9] -bg" 2>/dev/null || true
  sleep 1
  cp "$capture" "$out/$file"
  echo "wrote $out/$file"
}

run udp kamailio-hep.pcap
run tcp kamailio-hep-tcp.pcap
