# Sourced by make-jssip-console.sh and make-sipjs-console.sh: what they share.
# run_browser_sample NAME PROGRAM BASEPORT OUT
#   Starts Kamailio (WebSocket on BASEPORT+20, UDP on BASEPORT), three SIPp callees over UDP (answer on
#   BASEPORT+1, busy 486 on BASEPORT+2, not found 404 on BASEPORT+3), tcpdump on lo, then runs
#   `node PROGRAM ws://127.0.0.1:WSPORT 127.0.0.1 HARNESSLOG` (3 calls: answer@, busy@, nobody@127.0.0.1),
#   whose console output (stdout and stderr) becomes OUT/NAME.log, the capture OUT/NAME.pcap; then writes
#   OUT/NAME.truth from tshark on the WebSocket side of the capture and checks it against the log.

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MPATH=/usr/lib/x86_64-linux-gnu/kamailio/modules/
PIDS=()
EXTRA_ENV=()   # more environment for the node run, e.g. (DEBUG_HIDE_DATE=1)

cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  [ -n "${WORK:-}" ] && rm -rf "$WORK"
}

require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || {
      echo "$tool is needed: apt-get install nodejs npm kamailio kamailio-websocket-modules sip-tester tcpdump tshark" >&2
      exit 2
    }
  done
  [ -f "$MPATH/websocket.so" ] || { echo "apt-get install kamailio-websocket-modules" >&2; exit 2; }
}

# npm packages at the exact versions of package.json / package-lock.json, in $HERE/node_modules.
npm_install() {
  (cd "$HERE" && timeout 300 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

start_callee() { # PORT SCENARIO [CODE REASON CAUSE]
  local port=$1 scenario=$2
  if [ $# -gt 2 ]; then
    sed -e "s/__CODE__/$3/" -e "s/__REASON__/$4/g" -e "s/__CAUSE__/$5/" "$scenario" > "$WORK/uas-$port.xml"
    scenario=$WORK/uas-$port.xml
  fi
  timeout 60 sipp -sf "$scenario" -t u1 -i 127.0.0.1 -p "$port" -m 1 -nostdin -trace_err \
    -error_file "$WORK/uas-$port.err" </dev/null >"$WORK/uas-$port.out" 2>&1 &
  PIDS+=($!)
  CALLEES+=($!)
}

run_browser_sample() {
  local name=$1 program=$2 base=$3 out=$4
  local udp=$base ws=$((base + 20)) answer=$((base + 1)) busy=$((base + 2)) notfound=$((base + 3))
  mkdir -p "$out"
  out=$(cd "$out" && pwd)
  WORK=$(mktemp -d)
  CALLEES=()
  sed -e "s/WS_PORT/$ws/g" -e "s/UDP_PORT/$udp/g" -e "s/ANSWER_PORT/$answer/g" -e "s/BUSY_PORT/$busy/g" \
    -e "s/NOTFOUND_PORT/$notfound/g" -e "s#MPATH#$MPATH#" "$HERE/kamailio-ws.cfg" > "$WORK/kamailio.cfg"
  timeout 20 kamailio -c -f "$WORK/kamailio.cfg" >/dev/null 2>&1 || { echo "kamailio config check failed" >&2; exit 1; }

  timeout 90 tcpdump -i lo -U -s 0 -w "$WORK/cap.pcap" \
    "host 127.0.0.1 and (tcp port $ws or udp portrange $udp-$notfound)" 2>"$WORK/tcpdump.err" &
  local tcpdump_pid=$!
  PIDS+=($tcpdump_pid)
  timeout 90 kamailio -DD -E -f "$WORK/kamailio.cfg" >"$WORK/kamailio.out" 2>&1 &
  local kamailio_pid=$!
  PIDS+=($kamailio_pid)
  start_callee "$answer" "$HERE/sipp/uas-answer.xml"
  start_callee "$busy" "$HERE/sipp/uas-final.xml" 486 "Busy Here" 17
  start_callee "$notfound" "$HERE/sipp/uas-final.xml" 404 "Not Found" 1
  local i
  for i in $(seq 50); do
    grep -q "listening on" "$WORK/tcpdump.err" && ss -ltn | grep -q "127.0.0.1:$ws " && break
    sleep 0.2
  done
  sleep 0.5

  # The sample: the program's console, stdout and stderr as they come.
  (cd "$HERE" && env TZ=UTC "${EXTRA_ENV[@]}" timeout 45 node "$program" "ws://127.0.0.1:$ws" 127.0.0.1 "$WORK/harness.txt" \
    >"$WORK/console.log" 2>&1) || { echo "node $program failed:" >&2; cat "$WORK/harness.txt" >&2; exit 1; }
  local p
  for p in "${CALLEES[@]}"; do wait "$p" || echo "a SIPp callee ended with $? (see $WORK)" >&2; done
  sleep 0.5
  kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" || true
  kill "$kamailio_pid"; wait "$kamailio_pid" || true

  cp "$WORK/console.log" "$out/$name.log"
  cp "$WORK/cap.pcap" "$out/$name.pcap"
  make_truth "$name" "$out" "$ws" "$udp"
}

# tshark on the capture: the SIP messages on the WebSocket connection (those the program logs).
ws_messages() { # PCAP WSPORT UDPPORT
  tshark -r "$1" -d "tcp.port==$2,http" -d "udp.port==$3,sip" -Y "sip && tcp.port==$2" \
    -T fields -E separator='|' -e sip.Method -e sip.Status-Code -e sip.Call-ID -e sip.CSeq.method -e sip.CSeq.seq 2>/dev/null
}
udp_messages() { # PCAP WSPORT UDPPORT
  tshark -r "$1" -d "tcp.port==$2,http" -d "udp.port==$3,sip" -Y "sip && udp" \
    -T fields -E separator='|' -e sip.Method -e sip.Status-Code -e sip.Call-ID -e sip.CSeq.method -e sip.CSeq.seq 2>/dev/null
}

count_lines() { # "requests" | "responses" : reads METHOD|CODE|... lines
  awk -F'|' -v what="$1" '
    what == "requests" && $1 != "" { n[$1]++ }
    what == "responses" && $2 != "" { n[$2]++ }
    END { s = ""; for (k in n) s = s k "=" n[k] " "; print s }' | tr ' ' '\n' | sort | grep . | tr '\n' ' ' | sed 's/ $//'
}

calls_line() { # reads METHOD|CODE|CALLID|CSEQMETHOD lines: final response per INVITE Call-ID
  awk -F'|' '
    $1 == "INVITE" { seen[$3] = 1 }
    $2 != "" && $4 == "INVITE" && $2 >= 200 && !($3 in final) { final[$3] = $2 }
    END {
      for (c in seen) {
        f = final[c]
        if (f == "") k = "timeout"; else if (f < 300) k = "answered"; else if (f == 486 || f == 600) k = "busy";
        else if (f == 404 || f == 604) k = "notFound"; else k = "failed"
        n[k]++
      }
      s = ""; for (k in n) s = s k "=" n[k] " "; print s
    }' | tr ' ' '\n' | sort | grep . | tr '\n' ' ' | sed 's/ $//'
}

make_truth() {
  local name=$1 out=$2 ws=$3 udp=$4
  local pcap=$out/$name.pcap log=$out/$name.log
  local msgs
  msgs=$(ws_messages "$pcap" "$ws" "$udp")
  local req rsp calls
  req=$(count_lines requests <<<"$msgs")
  rsp=$(count_lines responses <<<"$msgs")
  calls=$(calls_line <<<"$msgs")
  # The log's own count of logged messages must match the wire: every message is logged once.
  local logged wire
  logged=$(grep -cE "$LOG_MARKER" "$log" || true)
  wire=$(grep -c . <<<"$msgs" || true)
  if [ "$logged" != "$wire" ]; then
    echo "$name: the log shows $logged messages, tshark sees $wire on the WebSocket" >&2
    exit 1
  fi
  {
    echo "format: $FORMAT"
    echo "times: $TIMES"
    echo "time-resolution: $TIME_RESOLUTION"
    echo "timezone: $TIMEZONE"
    echo "endpoints: partial (no address on a message; the proxy's address only in the line where the stack connects to its WebSocket URL, ws://127.0.0.1:PORT; the stack's own end is not in the log)"
    echo "transport: no"
    echo "requests: $req"
    echo "responses: $rsp"
    echo "retransmissions: $(retransmissions <<<"$msgs")"
    echo "calls: $calls"
    echo "challenged: 0"
    echo "note: the log holds only the messages on the program's own WebSocket connection to the proxy ($wire messages, tshark on tcp port $ws); the proxy's UDP legs to the SIPp callees are in the pcap only (tshark -d udp.port==$udp,sip)"
    echo "note: tshark on the UDP side (proxy to SIPp callees, not in the log) sees requests: $(udp_messages "$pcap" "$ws" "$udp" | count_lines requests); responses: $(udp_messages "$pcap" "$ws" "$udp" | count_lines responses); calls: $(udp_messages "$pcap" "$ws" "$udp" | calls_line)"
    echo "note: the REGISTER at start and the un-REGISTER (Expires: 0) at the end share one Call-ID and are not calls"
    echo "note: $NOTE"
  } > "$out/$name.truth"
}

retransmissions() { # identical METHOD|CODE|CALLID|CSEQMETHOD|CSEQ lines beyond the first
  awk -F'|' '{ k = $0; if (k in seen) r++; seen[k] = 1 } END { print r + 0 }'
}
