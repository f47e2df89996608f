#!/usr/bin/env bash
# Re-creates the SIPp TCP log samples: ONE SIPp caller (scenarios/uac-mix.xml, -t tn: one TCP connection per
# call, so that setdest may send each call to its own callee; -max_socket 100 because SIPp refuses tn when
# its default 50000 exceeds the open-files limit) places 5 calls with known outcomes to SIPp
# callees (-t t1) on 127.0.0.1, while tcpdump records the same traffic on lo. Writes into OUTDIR:
#   sipp-uac-tcp_messages.log       -trace_msg of the caller          + sipp-uac-tcp_messages.pcap
#   sipp-uac-tcp_shortmessages.log  -trace_shortmsg of the caller     + sipp-uac-tcp_shortmessages.pcap
# The two pcaps are the same capture (byte-identical copies, one per log base name).
# and a .truth for each, from the calls placed here and tshark on the pcap (pcap-truth.py), after
# log-check.py has checked each log against the pcap (the script fails when they differ).
# Needs root (tcpdump on lo), sipp (Debian sip-tester), tcpdump, tshark, python3. Only 127.0.0.1, ports
# 15160-15167 (SIP; the caller's own TCP ports are ephemeral) and 15840-15868 (SIPp's idle RTP echo sockets).
# SIPp writes local time without an offset; the script runs with TZ=UTC so that the truth can say so.
# Usage: make-sipp-tcp.sh OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: make-sipp-tcp.sh OUTDIR}
. "$here/sample-lib.sh"
require make-sipp-tcp sipp tcpdump tshark python3
export TZ=UTC
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'stop_everything "$work"' EXIT

# Callees: port, kind, final code, reason, Q.850 cause (see start_callee).
start_callee "$here" "$work" t1 15161 builtin - - -
start_callee "$here" "$work" t1 15162 final 486 Busy_Here 17
start_callee "$here" "$work" t1 15165 cancel - - -
start_callee "$here" "$work" t1 15166 challenge - - -
start_callee "$here" "$work" t1 15167 final 480 Temporarily_Unavailable 18   # not in the caller's list

# The calls, in order (field0 user, field1 callee port, field2 flow of uac-mix.xml).
cat > "$work/calls.csv" <<'CALLS'
SEQUENTIAL
alice;15161;any
busy;15162;any
ringing;15165;cancel
secure;15166;any
away;15167;any
CALLS

timeout 60 tcpdump -i lo -n -s 0 -U -w "$work/capture.pcap" "tcp and portrange 15160-15169" \
  2>"$work/tcpdump.log" &
tcpdump_pid=$!
sleep 2

(cd "$work" && cp "$here/scenarios/uac-mix.xml" . &&
  timeout 60 sipp -sf uac-mix.xml -inf calls.csv -t tn -max_socket 100 -i 127.0.0.1 -p 15160 -mp 15840 127.0.0.1:15161 \
    -m 5 -r 4 -timeout 30s -nostdin \
    -trace_msg -message_file uac_messages.log \
    -trace_shortmsg -shortmessage_file uac_shortmessages.log \
    -trace_err -error_file uac_errors.log >uac.out 2>&1) ||
  echo "make-sipp-tcp: the caller ended with an error status (expected: one call fails on purpose)" >&2
sleep 2
stop_pids "$tcpdump_pid" "${CALLEE_PIDS[@]}"
CALLEE_PIDS=()

cp "$work/uac_messages.log" "$out/sipp-uac-tcp_messages.log"
cp "$work/uac_shortmessages.log" "$out/sipp-uac-tcp_shortmessages.log"
cp "$work/capture.pcap" "$out/sipp-uac-tcp_messages.pcap"
cp "$work/capture.pcap" "$out/sipp-uac-tcp_shortmessages.pcap"
ls -l "$out"/sipp-uac-tcp_*

# ---- checks and truth files ----
"$here/log-check.py" "$out/sipp-uac-tcp_messages.log" "$out/sipp-uac-tcp_messages.pcap" | tee "$work/check.txt"
gap=$(sed -n 's/.*capture time|: //p' "$work/check.txt")
"$here/log-check.py" "$out/sipp-uac-tcp_shortmessages.log" "$out/sipp-uac-tcp_shortmessages.pcap"
"$here/pcap-truth.py" "$out/sipp-uac-tcp_messages.pcap" > "$work/uac.truth"
expect() { grep -qx "$2" "$1" || { echo "make-sipp-tcp: $1 does not say '$2':" >&2; cat "$1" >&2; exit 1; }; }
expect "$work/uac.truth" "calls: answered=2 busy=1 unavailable=1 cancelled=1"
expect "$work/uac.truth" "challenged: 1"
expect "$work/uac.truth" "retransmissions: 0 (tshark sip.resend: 0)"
pid=$(sed -n 's/^# call 1-\([0-9]*\)@.*/\1/p' "$work/uac.truth")
line() { grep "^$1:" "$2" | sed 's/ (tshark.*//'; }
version=$(dpkg-query -W -f '${Version}' sip-tester 2>/dev/null || echo unknown)
calls_note="note: the 5 calls, Call-ID N-$pid@127.0.0.1 in this order, each on its own TCP connection: 1 alice answered (200, ACK, BYE); 2 busy 486; 3 ringing cancelled (180, CANCEL, 200, 487, ACK); 4 secure 407, ACK, second INVITE with Proxy-Authorization, answered; 5 away 480 (unexpected by the scenario)"
n=$(line messages "$work/uac.truth" | cut -d' ' -f2)
{
  echo "format: sipp -trace_msg (SIPp 3.6.1, Debian sip-tester $version), caller (UAC) side over TCP (-t tn), one SIPp process"
  echo "times: full"
  echo "time-resolution: 1us"
  echo "timezone: local (no offset in the log); made with TZ=UTC"
  echo "endpoints: no"
  echo "transport: yes"
  line requests "$work/uac.truth"; line responses "$work/uac.truth"; line retransmissions "$work/uac.truth"
  line calls "$work/uac.truth"; line challenged "$work/uac.truth"
  echo "$calls_note"
  echo "note: $n SIP messages, each logged once in a block headed by '----------------------------------------------- YYYY-MM-DD HH:MM:SS.ffffff' and 'TCP message sent (N bytes):' or 'TCP message received [N] bytes :' (one SIP message per block, whatever the TCP segments were); the same messages as the pcap (log-check.py)"
  echo "note: 1 block is not on the wire: '-----------------------------------------------' (no time) + 'Unexpected TCP message received:' repeats the 480 Temporarily Unavailable of Call-ID 5-$pid@127.0.0.1 (CSeq 1 INVITE) right after its 'TCP message received' block; it is counted once above. No other message appears twice."
  echo "note: the ACK of call 5 is SIPp's own default ACK (it aborts the call on the unexpected 480; 'Subject: Performance Test')"
  probs=$(grep -c '^Problem E[A-Z]* on socket\|^Exit problem event on socket' "$out/sipp-uac-tcp_messages.log" || true)
  echo "note: $probs lines of SIPp socket diagnostics, not SIP, stand between blocks (after the empty line that ends a block, before the next '-----...' line, or before the first block): 'Problem EAGAIN on socket  N and poll_idx  is M ' and 'Exit problem event on socket N ' (trailing space, double spaces), written when a new TCP connection (one per call with -t tn) is still connecting"
  echo "note: a 'sent' time is taken when SIPp hands the message to the socket: over TCP the wire can be later (Nagle), by up to $gap in this run"
} > "$out/sipp-uac-tcp_messages.truth"
{
  echo "format: sipp -trace_shortmsg (SIPp 3.6.1, Debian sip-tester $version), caller (UAC) side over TCP, same run as sipp-uac-tcp_messages.log"
  echo "times: full"
  echo "time-resolution: 1us"
  echo "timezone: local date and time of day (no offset) plus Unix epoch seconds.microseconds (UTC) on every line; made with TZ=UTC"
  echo "endpoints: no"
  echo "transport: no"
  line requests "$work/uac.truth"; line responses "$work/uac.truth"; line retransmissions "$work/uac.truth"
  line calls "$work/uac.truth"; line challenged "$work/uac.truth"
  echo "$calls_note"
  echo "note: one line per SIP message sent (S) or received (R), 7 TAB-separated fields: date, time of day, epoch.usec, S|R, Call-ID, 'CSeq:' + CSeq value, the first line; the same $n messages as the pcap (log-check.py); the unexpected 480 is NOT repeated here"
} > "$out/sipp-uac-tcp_shortmessages.truth"
echo "wrote the truth files"
