#!/usr/bin/env bash
# Re-creates the project's own sample captures: SIPp (Debian's sip-tester) calls on loopback, one callee per
# outcome, recorded with tcpdump, once over UDP and once over TCP. Needs root (tcpdump on lo), sipp and
# tcpdump. Traffic stays on 127.0.0.1; every run is bounded by timeout.
# Usage: samples/make-samples.sh [OUTDIR]     (default: samples/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
. "$here/sample-lib.sh"
mkdir -p "$out"
work=$(mktemp -d)
trap 'stop_everything "$work"' EXIT

require make-samples sipp tcpdump

# Callees: port offset, callee scenario, caller scenario, calls, then for the "final" callee its final code,
# reason (underscores for spaces) and Q.850 cause. Offset 93 puts one callee on a port that is not a SIP
# port, to show that SIP is found by content.
callees=(
  "1 builtin any 4"
  "2 final any 2 486 Busy_Here 17"
  "3 final any 2 503 Service_Unavailable 41"
  "4 final any 2 603 Decline 21"
  "5 final any 2 404 Not_Found 1"
  "6 final any 2 302 Moved_Temporarily 23"
  "7 final any 2 403 Forbidden 21"
  "8 final any 2 500 Server_Internal_Error 38"
  "9 final any 2 407 Proxy_Authentication_Required 0"
  "10 challenge auth 2"
  "11 cancel cancel 2"
  "12 silent timeout 2"
  "13 reinvite reinvite 2"
  "93 final any 2 480 Temporarily_Unavailable 18"
)

# run TRANSPORT(u1|t1) BASEPORT OUTFILE
run() {
  local transport=$1 base=$2 file=$3 capture="$work/capture.pcap"
  timeout 90 tcpdump -i lo -n -s 0 -U -w "$capture" "host 127.0.0.1 and (udp or tcp)" 2>"$work/tcpdump.log" &
  local tcpdump_pid=$!
  sleep 1
  for c in "${callees[@]}"; do
    set -- $c
    start_callee "$here" "$work" "$transport" $((base + $1)) "$2" "${5:-}" "${6:-}" "${7:-}"
  done
  sleep 1
  for c in "${callees[@]}"; do
    set -- $c
    local port=$((base + $1))
    timeout 30 sipp -sf "$here/sipp/uac-$3.xml" -t "$transport" -i 127.0.0.1 -s "svc$port" "127.0.0.1:$port" \
      -m "$4" -r 10 -l 2 -timeout 20s -nostdin -trace_err -error_file "$work/uac-$port.err" \
      >/dev/null 2>&1 || echo "make-samples: calls to $port did not all end as planned" >&2
  done
  sleep 1
  kill "$tcpdump_pid" 2>/dev/null; wait "$tcpdump_pid" 2>/dev/null || true
  pkill -f "sipp .* -i 127.0.0.1 -p [56][0-9][0-9][0-9] -bg" 2>/dev/null || true
  sleep 1
  cp "$capture" "$out/$file"
  echo "wrote $out/$file"
}

run u1 5060 sipp-calls-udp.pcap
gzip -9 -n -c "$out/sipp-calls-udp.pcap" > "$out/sipp-calls-udp.pcap.gz"
run t1 6060 sipp-calls-tcp.pcap
