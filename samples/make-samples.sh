#!/usr/bin/env bash
# Re-creates the project's own sample captures: SIPp (Debian's sip-tester) calls on loopback, one callee per
# outcome, recorded with tcpdump. Needs root (tcpdump on lo), sipp and tcpdump. Traffic stays on 127.0.0.1.
# Usage: samples/make-samples.sh [OUTDIR]     (default: samples/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
mkdir -p "$out"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

for tool in sipp tcpdump; do
  command -v $tool >/dev/null || { echo "make-samples: $tool is needed (apt-get install sip-tester tcpdump)" >&2; exit 2; }
done

# Callees: port, final code, reason, Q.850 cause. 5093 is deliberately not a SIP port.
callees=(
  "5061 200 OK 16"
  "5062 486 Busy_Here 17"
  "5063 503 Service_Unavailable 41"
  "5064 603 Decline 21"
  "5065 404 Not_Found 1"
  "5066 302 Moved_Temporarily 23"
  "5093 480 Temporarily_Unavailable 18"
)
# Underscores in a reason stand for spaces.
capture="$work/calls.pcap"
timeout 60 tcpdump -i lo -n -s 0 -U -w "$capture" 'udp and host 127.0.0.1' 2>"$work/tcpdump.log" &
tcpdump_pid=$!
sleep 1
for c in "${callees[@]}"; do
  set -- $c
  reason=${3//_/ }
  # SIPp checks a status line when it loads the scenario, so the code is written into a copy of it.
  if [ "$2" = 200 ]; then
    scenario=(-sn uas)
  else
    sed -e "s/__CODE__/$2/" -e "s/__REASON__/$reason/g" -e "s/__CAUSE__/$4/" "$here/sipp/uas-final.xml" > "$work/uas-$1.xml"
    scenario=(-sf "$work/uas-$1.xml")
  fi
  timeout 40 sipp "${scenario[@]}" -i 127.0.0.1 -p "$1" -bg -trace_err -error_file "$work/uas-$1.err" \
    >/dev/null 2>&1 || true
done
sleep 1
# Calls per callee: answered ones outnumber each failure, as in real traffic.
for c in "${callees[@]}"; do
  set -- $c
  n=2; [ "$2" = 200 ] && n=4
  timeout 30 sipp -sf "$here/sipp/uac-any.xml" -i 127.0.0.1 -s "svc$1" "127.0.0.1:$1" \
    -m "$n" -r 10 -l 2 -timeout 20s -timeout_error -nostdin -trace_err -error_file "$work/uac-$1.err" \
    >/dev/null 2>&1 || echo "make-samples: calls to $1 did not all end well" >&2
done
sleep 1
kill "$tcpdump_pid" 2>/dev/null; wait "$tcpdump_pid" 2>/dev/null || true
pkill -f "sipp .* -i 127.0.0.1 -p 50[6-9][0-9] -bg" 2>/dev/null || true
cp "$capture" "$out/sipp-calls-udp.pcap"
gzip -9 -n -c "$capture" > "$out/sipp-calls-udp.pcap.gz"
echo "wrote $out/sipp-calls-udp.pcap and its gzip copy"
