#!/usr/bin/env bash
# Shared by the make-*.sh scripts of this folder: one run of six known SIPp calls through Kamailio 5.6 as a
# tm (transaction-stateful) proxy on 127.0.0.1:16060 (kamailio/relay-proxy.cfg), which logs every SIP message
# it receives or relays, whole, with xlog, while tcpdump records loopback into a pcap.
#
# Usage: relay-run.sh OUTDIR syslog|stderr [FILE...]
#   syslog: Kamailio logs through syslog(3) to a private rsyslogd (its own config, pid file and unix socket
#           in a temporary folder; Kamailio runs in a private mount namespace whose /dev/log is a link to that
#           socket; the system's syslog is not touched). rsyslogd writes two files: RSYSLOG_FileFormat
#           (Debian 12's default) and RSYSLOG_TraditionalFileFormat. At the same time: the sipdump module's
#           text file, ngrep on lo (default layout and -W byline), tcpdump. Afterwards, from the pcap:
#           tshark's text outputs and sngrep's text export (sngrep driven under a private tmux server).
#   stderr: Kamailio started with -E (log to stderr), its stderr saved; tcpdump at the same time.
#   FILE...: copy only these of the outputs into OUTDIR (default: all of the mode's outputs).
#
# Calls (in this order, one SIPp caller process each, -m 1; callees are SIPp on udp:127.0.0.1):
#   1 answered    UDP caller 16090 -> proxy -> SIPp built-in uas on 16061 (180, 200, ACK, BYE, 200)
#   2 busy        UDP caller -> proxy -> uas-final on 16062: 100, 180, 486 Busy Here
#   3 notFound    UDP caller -> proxy -> uas-final on 16063: 100, 180, 404 Not Found
#   4 cancelled   UDP caller -> proxy -> uas-cancel on 16064: 180, CANCEL, 200 (CANCEL), 487, ACK
#   5 challenged  UDP caller -> proxy -> uas-challenge on 16065: 407, ACK, INVITE with credentials, 100,
#                 180, 200, ACK, BYE, 200
#   6 answered    TCP caller 16091 -> proxy (TCP) -> built-in uas on 16061 (UDP)
# The run checks with tshark that the pcap holds the 80 SIP messages it should (no retransmission).
# Needs root (tcpdump, ngrep, unshare, mount), sipp, kamailio, tcpdump, tshark; for syslog also rsyslog,
# ngrep, sngrep, tmux. Traffic stays on 127.0.0.1 ports 16060-16099; every program runs under timeout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: relay-run.sh OUTDIR syslog|stderr [FILE...]}
mode=${2:?usage: relay-run.sh OUTDIR syslog|stderr [FILE...]}
shift 2
keep=("$@")
case $mode in syslog|stderr) ;; *) echo "relay-run: mode is syslog or stderr" >&2; exit 2 ;; esac
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d /tmp/relay-run.XXXXXX)
pids=()

need=(sipp kamailio tcpdump tshark)
[ "$mode" = syslog ] && need+=(unshare mount rsyslogd ngrep sngrep tmux)
for tool in "${need[@]}"; do
  command -v "$tool" >/dev/null || { echo "relay-run: $tool is needed" >&2; exit 2; }
done

cleanup() {
  set +e
  if [ -n "${RELAY_KEEP:-}" ]; then rm -rf "$out/debug-$mode"; cp -r "$work" "$out/debug-$mode"; fi
  [ -f "$work/kamailio.pid" ] && kill "$(cat "$work/kamailio.pid")" 2>/dev/null
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  [ -f "$work/rsyslogd.pid" ] && kill "$(cat "$work/rsyslogd.pid")" 2>/dev/null
  [ -S "$work/tmux.sock" ] && tmux -S "$work/tmux.sock" kill-server 2>/dev/null
  sleep 1
  wait 2>/dev/null
  # the namespace's mount point (an empty folder outside the namespace): rmdir, never rm -r
  [ -d "$work/hostdev" ] && rmdir "$work/hostdev"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

modules=$(dirname "$(find /usr/lib -name tm.so -path '*kamailio*' | head -1)")

# --- capture ---------------------------------------------------------------------------------------------
timeout 120 tcpdump -i lo -n -s 0 -U -w "$work/capture.pcap" "portrange 16060-16099" 2>"$work/tcpdump.log" &
pids+=($!)
if [ "$mode" = syslog ]; then
  timeout 120 ngrep -d lo -q -t -l portrange 16060-16099 >"$work/ngrep.txt" 2>"$work/ngrep.err" &
  pids+=($!)
  timeout 120 ngrep -d lo -q -t -l -W byline portrange 16060-16099 >"$work/ngrep-byline.txt" \
    2>"$work/ngrep-byline.err" &
  pids+=($!)
fi

# --- Kamailio --------------------------------------------------------------------------------------------
if [ "$mode" = syslog ]; then
  cat >"$work/rsyslog.conf" <<EOF
# private rsyslogd: no system socket, no kernel log; one unix socket, two output files
global(workDirectory="$work")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="$work/log.sock" RateLimit.Interval="0")
*.* action(type="omfile" file="$work/syslog-rfc3339.log" template="RSYSLOG_FileFormat")
*.* action(type="omfile" file="$work/syslog-traditional.log" template="RSYSLOG_TraditionalFileFormat")
EOF
  timeout 120 rsyslogd -n -f "$work/rsyslog.conf" -i "$work/rsyslogd.pid" 2>"$work/rsyslogd.err" &
  pids+=($!)
  for _ in $(seq 50); do [ -S "$work/log.sock" ] && break; sleep 0.1; done
  [ -S "$work/log.sock" ] || { echo "relay-run: rsyslogd did not open its socket" >&2; cat "$work/rsyslogd.err" >&2; exit 1; }
  mkdir -p "$work/sipdump" "$work/hostdev"
  # Kamailio in a private mount namespace: a tmpfs over /dev whose entries are links to the real /dev,
  # plus /dev/log -> the private rsyslogd's socket. Nothing changes outside the namespace.
  timeout 120 unshare -m --propagation private sh -c '
    set -e
    w=$1; shift
    mount --rbind /dev "$w/hostdev"
    mount -t tmpfs -o size=1m,mode=755 relaydev /dev
    for e in "$w"/hostdev/* "$w"/hostdev/.[!.]*; do [ -e "$e" ] || [ -L "$e" ] || continue; ln -s "$e" "/dev/${e##*/}"; done
    rm -f /dev/log
    ln -s "$w/log.sock" /dev/log
    exec "$@"' relay-ns "$work" \
    kamailio -f "$here/kamailio/relay-proxy.cfg" -A WITH_SIPDUMP -A "SIPDUMP_FOLDER=\"$work/sipdump\"" \
      -L "$modules" -DD -w "$work" -P "$work/kamailio.pid" >"$work/kamailio.out" 2>&1 &
  pids+=($!)
else
  timeout 120 kamailio -f "$here/kamailio/relay-proxy.cfg" -L "$modules" -DD -E -w "$work" \
    -P "$work/kamailio.pid" >"$work/kamailio.out" 2>"$work/kamailio-stderr.log" &
  pids+=($!)
fi
for _ in $(seq 50); do [ -s "$work/kamailio.pid" ] && break; sleep 0.1; done
[ -s "$work/kamailio.pid" ] || { echo "relay-run: kamailio did not start" >&2; cat "$work/kamailio.out" >&2; exit 1; }
sleep 1.5

# --- callees ---------------------------------------------------------------------------------------------
# start_callee PORT SCENARIO-ARGS...: a SIPp callee in the background on udp:127.0.0.1:PORT
start_callee() {
  local port=$1
  shift
  timeout 100 sipp "$@" -t u1 -i 127.0.0.1 -p "$port" -nostdin -trace_err -error_file "$work/uas-$port.err" \
    >/dev/null 2>&1 &
  pids+=($!)
}
# final_scenario PORT CODE REASON CAUSE: uas-final.xml with its final response written in
final_scenario() {
  sed -e "s/__CODE__/$2/" -e "s/__REASON__/$3/g" -e "s/__CAUSE__/$4/" "$here/sipp/uas-final.xml" \
    >"$work/uas-$1.xml"
}
final_scenario 16062 486 "Busy Here" 17
final_scenario 16063 404 "Not Found" 1
start_callee 16061 -sn uas
start_callee 16062 -sf "$work/uas-16062.xml"
start_callee 16063 -sf "$work/uas-16063.xml"
start_callee 16064 -sf "$here/sipp/uas-cancel.xml"
start_callee 16065 -sf "$here/sipp/uas-challenge.xml"
sleep 1

# --- callers ---------------------------------------------------------------------------------------------
failed=0
# call NAME SCENARIO SERVICE TRANSPORT LOCALPORT
call() {
  timeout 30 sipp -sf "$here/sipp/uac-$2.xml" -t "$4" -i 127.0.0.1 -p "$5" -s "$3" 127.0.0.1:16060 \
    -m 1 -l 1 -timeout 20s -nostdin -trace_err -error_file "$work/uac-$1.err" >/dev/null 2>&1 \
    || { echo "relay-run: call $1 did not end as planned" >&2; failed=1; }
  sleep 0.5
}
call answered any svc16061 u1 16090
call busy any svc16062 u1 16090
call notfound any svc16063 u1 16090
call cancelled cancel svc16064 u1 16090
call challenged auth svc16065 u1 16090
call answered-tcp any svc16061 t1 16091
sleep 2

# --- stop ------------------------------------------------------------------------------------------------
kill "$(cat "$work/kamailio.pid")" 2>/dev/null || true
sleep 1
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
wait 2>/dev/null || true
pids=()
[ "$mode" = syslog ] && rmdir "$work/hostdev"
[ "$failed" = 0 ] || exit 1

# --- check the pcap: 80 SIP messages, none retransmitted --------------------------------------------------
n=$(tshark -r "$work/capture.pcap" -Y sip 2>/dev/null | wc -l)
[ "$n" = 80 ] || { echo "relay-run: the pcap holds $n SIP messages, not 80 (a retransmission?)" >&2; exit 1; }

# --- outputs ---------------------------------------------------------------------------------------------
mkdir -p "$work/out"
if [ "$mode" = stderr ]; then
  cp "$work/kamailio-stderr.log" "$work/out/kamailio-stderr.log"
  cp "$work/capture.pcap" "$work/out/kamailio-stderr.pcap"
else
  cp "$work/capture.pcap" "$work/out/kamailio-syslog.pcap"
  cp "$work/syslog-rfc3339.log" "$work/out/kamailio-syslog.log"
  cp "$work/syslog-traditional.log" "$work/out/kamailio-syslog-traditional.log"
  n=$(find "$work/sipdump" -name '*.data' | wc -l)
  [ "$n" = 1 ] || { echo "relay-run: expected one sipdump .data file, found $n" >&2; exit 1; }
  cp "$work"/sipdump/*.data "$work/out/kamailio-sipdump.data"
  cp "$work"/sipdump/*.meta "$work/out/kamailio-sipdump.meta"
  cp "$work/ngrep.txt" "$work/ngrep-byline.txt" "$work/out/"

  # tshark, on the pcap: the Call-IDs in the order the calls were placed
  pcap=$work/capture.pcap
  mapfile -t cid < <(tshark -r "$pcap" -Y 'sip.Method == "INVITE" && sip.CSeq.seq == 1' -T fields \
    -e sip.Call-ID 2>/dev/null | awk '!seen[$0]++')
  [ "${#cid[@]}" = 6 ] || { echo "relay-run: expected 6 Call-IDs, found ${#cid[@]}" >&2; exit 1; }
  # -V: call 1 (answered, UDP); -O sip: call 2 (busy) and call 6 (answered, caller over TCP)
  timeout 60 tshark -r "$pcap" -V -Y "sip.Call-ID == \"${cid[0]}\"" >"$work/out/tshark-V.txt" 2>/dev/null
  timeout 60 tshark -r "$pcap" -O sip -Y "sip.Call-ID == \"${cid[1]}\" || sip.Call-ID == \"${cid[5]}\"" \
    >"$work/out/tshark-O-sip.txt" 2>/dev/null
  # UDP stream 0: caller 16090 <-> proxy 16060 (calls 1-5); TCP stream 0: caller 16091 <-> proxy (call 6)
  timeout 60 tshark -r "$pcap" -q -z follow,udp,ascii,0 >"$work/out/tshark-follow-udp.txt" 2>/dev/null
  timeout 60 tshark -r "$pcap" -q -z follow,tcp,ascii,0 >"$work/out/tshark-follow-tcp.txt" 2>/dev/null

  # sngrep, on the pcap, driven under a private tmux server: F2 (save), file name, .txt, all dialogs, Enter
  mkdir -p "$work/sngrep"
  cp "$pcap" "$work/sngrep/kamailio-syslog.pcap"
  t=(tmux -S "$work/tmux.sock")
  timeout 10 "${t[@]}" new-session -d -s sngrep -x 200 -y 50 \
    "cd '$work/sngrep' && HOME='$work/sngrep' timeout -k 5 60 sngrep -I kamailio-syslog.pcap"
  pane() { timeout 5 "${t[@]}" capture-pane -p -t sngrep; }
  for _ in $(seq 50); do pane | grep -q 'Dialogs: 6' && break; sleep 0.2; done
  pane | grep -q 'Dialogs: 6' || { echo "relay-run: sngrep did not show 6 dialogs" >&2; pane >&2; exit 1; }
  timeout 5 "${t[@]}" send-keys -t sngrep F2
  sleep 0.5
  timeout 5 "${t[@]}" send-keys -t sngrep -l sngrep-export
  for _ in 1 2 3 4 5; do timeout 5 "${t[@]}" send-keys -t sngrep Tab; sleep 0.2; done
  timeout 5 "${t[@]}" send-keys -t sngrep Space
  sleep 0.3
  pane | grep -q '(\*) \.txt' || { echo "relay-run: sngrep's .txt format not selected" >&2; pane >&2; exit 1; }
  pane | grep -q '(\*) all dialogs' || { echo "relay-run: sngrep's all dialogs not selected" >&2; pane >&2; exit 1; }
  timeout 5 "${t[@]}" send-keys -t sngrep Enter
  for _ in $(seq 25); do pane | grep -q 'Successfully saved 6 dialogs' && break; sleep 0.2; done
  pane | grep -q 'Successfully saved 6 dialogs' || { echo "relay-run: sngrep did not save" >&2; pane >&2; exit 1; }
  timeout 5 "${t[@]}" send-keys -t sngrep Enter
  sleep 0.3
  timeout 5 "${t[@]}" send-keys -t sngrep q
  sleep 0.5
  timeout 5 "${t[@]}" kill-server 2>/dev/null || true
  cp "$work/sngrep/sngrep-export.txt" "$work/out/sngrep-export.txt"
fi

if [ "${#keep[@]}" = 0 ]; then
  keep=($(cd "$work/out" && ls))
fi
for f in "${keep[@]}"; do
  cp "$work/out/$f" "$out/$f"
  echo "wrote $out/$f"
done
