#!/usr/bin/env bash
# Re-creates the SIPp UDP log samples: ONE SIPp caller (scenarios/uac-mix.xml) places 11 calls with known
# outcomes to SIPp callees on 127.0.0.1, with every SIPp trace switched on at once, while tcpdump records the
# same traffic on lo. Writes into OUTDIR:
#   sipp-uac-udp_messages.log       -trace_msg of the caller          + sipp-uac-udp_messages.pcap
#   sipp-uac-udp_shortmessages.log  -trace_shortmsg of the caller     + sipp-uac-udp_shortmessages.pcap
#   sipp-uac-udp_errors.log         -trace_err of the caller
#   sipp-uac-udp_stat.csv           -trace_stat (-fd 2) of the caller
#   sipp-uac-udp_counts.csv         -trace_counts of the caller
#   sipp-uas-udp_messages.log       -trace_msg of the callee on 15066 (407 challenge, 2 calls)
#                                                                     + sipp-uas-udp_messages.pcap (port 15066 only)
# The two caller pcaps are the same capture (byte-identical copies, one per log base name).
# and a .truth for each sample, from the calls placed here and tshark on the pcap (pcap-truth.py), after
# log-check.py has checked each message log against its pcap (the script fails when they differ).
# Needs root (tcpdump on lo), sipp (Debian sip-tester), tcpdump, tshark, python3. Only 127.0.0.1, ports
# 15060-15069 (SIP) and 15440-15476 (SIPp's RTP echo sockets, which stay idle).
# SIPp writes local time without an offset; the script runs with TZ=UTC so that the truth can say so.
# Usage: make-sipp-udp.sh OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: make-sipp-udp.sh OUTDIR}
. "$here/sample-lib.sh"
require make-sipp-udp sipp tcpdump tshark python3
export TZ=UTC
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'stop_everything "$work"' EXIT

# Callees: port, kind, final code, reason, Q.850 cause (see start_callee). Nothing listens on 15069.
start_callee "$here" "$work" u1 15061 builtin - - -
start_callee "$here" "$work" u1 15062 final 486 Busy_Here 17
start_callee "$here" "$work" u1 15063 final 404 Not_Found 1
start_callee "$here" "$work" u1 15064 final 503 Service_Unavailable 41
start_callee "$here" "$work" u1 15065 cancel - - -
start_callee "$here" "$work" u1 15066 challenge - - - -trace_msg -message_file "$work/uas.log"
start_callee "$here" "$work" u1 15067 final 480 Temporarily_Unavailable 18   # not in the caller's list
start_callee "$here" "$work" u1 15068 silent - - -

# The calls, in order (field0 user, field1 callee port, field2 flow of uac-mix.xml).
cat > "$work/calls.csv" <<'EOF'
SEQUENTIAL
alice;15061;any
busy;15062;any
nobody;15063;any
down;15064;any
ringing;15065;cancel
secure;15066;any
away;15067;any
slow;15068;timeout
dead;15069;timeout
bob;15061;any
secure;15066;any
EOF

timeout 60 tcpdump -i lo -n -s 0 -U -w "$work/capture.pcap" "udp and portrange 15060-15069" \
  2>"$work/tcpdump.log" &
tcpdump_pid=$!
sleep 2

# The caller runs in WORK: -trace_stat and -trace_counts name their files after the scenario and SIPp's pid.
(cd "$work" && cp "$here/scenarios/uac-mix.xml" . &&
  timeout 60 sipp -sf uac-mix.xml -inf calls.csv -t u1 -i 127.0.0.1 -p 15060 -mp 15440 127.0.0.1:15061 \
    -m 11 -r 4 -max_invite_retrans 3 -timeout 40s -nostdin \
    -trace_msg -message_file uac_messages.log \
    -trace_shortmsg -shortmessage_file uac_shortmessages.log \
    -trace_err -error_file uac_errors.log \
    -trace_stat -stf uac_stat.csv -fd 2 \
    -trace_counts >uac.out 2>&1) ||
  echo "make-sipp-udp: the caller ended with an error status (expected: some calls fail on purpose)" >&2
sleep 2
stop_pids "$tcpdump_pid" "${CALLEE_PIDS[@]}"
CALLEE_PIDS=()

cp "$work/uac_messages.log" "$out/sipp-uac-udp_messages.log"
cp "$work/uac_shortmessages.log" "$out/sipp-uac-udp_shortmessages.log"
cp "$work/uac_errors.log" "$out/sipp-uac-udp_errors.log"
cp "$work/uac_stat.csv" "$out/sipp-uac-udp_stat.csv"
cp "$work"/uac-mix_*_counts.csv "$out/sipp-uac-udp_counts.csv"
cp "$work/capture.pcap" "$out/sipp-uac-udp_messages.pcap"
cp "$work/capture.pcap" "$out/sipp-uac-udp_shortmessages.pcap"
cp "$work/uas.log" "$out/sipp-uas-udp_messages.log"
tcpdump -r "$work/capture.pcap" -w "$work/uas.pcap" "udp port 15066" 2>/dev/null
cp "$work/uas.pcap" "$out/sipp-uas-udp_messages.pcap"
ls -l "$out"/sipp-ua[cs]-udp_*

# ---- checks and truth files ----
"$here/log-check.py" "$out/sipp-uac-udp_messages.log" "$out/sipp-uac-udp_messages.pcap"
"$here/log-check.py" "$out/sipp-uac-udp_shortmessages.log" "$out/sipp-uac-udp_shortmessages.pcap"
"$here/log-check.py" "$out/sipp-uas-udp_messages.log" "$out/sipp-uas-udp_messages.pcap"
"$here/pcap-truth.py" "$out/sipp-uac-udp_messages.pcap" > "$work/uac.truth"
"$here/pcap-truth.py" "$out/sipp-uas-udp_messages.pcap" > "$work/uas.truth"
# The outcomes tshark finds must be the ones the calls were placed for.
expect() { grep -qx "$2" "$1" || { echo "make-sipp-udp: $1 does not say '$2':" >&2; cat "$1" >&2; exit 1; }; }
expect "$work/uac.truth" "calls: answered=4 busy=1 notFound=1 unavailable=2 cancelled=1 timeout=2"
expect "$work/uac.truth" "challenged: 2"
expect "$work/uas.truth" "calls: answered=2"
expect "$work/uas.truth" "challenged: 2"
pid=$(sed -n 's/^# call 1-\([0-9]*\)@.*/\1/p' "$work/uac.truth")
line() { grep "^$1:" "$2" | sed 's/ (tshark.*//'; }
# What the errors truth says about the events must hold too.
for event in "Aborting call on unexpected message for Call-Id '7-$pid@127.0.0.1': while expecting '200' (index 6)" \
    "Call-Id: 8-$pid@127.0.0.1, receive timeout on message uac mix of outcomes:38, jumping to label 39" \
    "Aborting call on UDP retransmission timeout for Call-ID '9-$pid@127.0.0.1'"; do
  grep -qF "$event" "$out/sipp-uac-udp_errors.log" || { echo "make-sipp-udp: errors log lacks: $event" >&2; exit 1; }
done
[ "$(grep -o ': Aborting\|: Call-Id' "$out/sipp-uac-udp_errors.log" | wc -l)" = 3 ] ||
  { echo "make-sipp-udp: the errors log does not hold exactly 3 events" >&2; exit 1; }
version=$(dpkg-query -W -f '${Version}' sip-tester 2>/dev/null || echo unknown)
calls_note="note: the 11 calls, Call-ID N-$pid@127.0.0.1 in this order: 1 alice answered (200, ACK, BYE); 2 busy 486; 3 nobody 404; 4 down 503; 5 ringing cancelled (180, CANCEL, 200, 487, ACK); 6 secure 407, ACK, second INVITE with Proxy-Authorization, answered; 7 away 480 (unexpected by the scenario); 8 slow: INVITE retransmitted once, 180, no final response, the caller gives up after 2 s without CANCEL (timeout); 9 dead: nothing listens on 127.0.0.1:15069, INVITE sent 4 times (3 retransmissions), no response at all (timeout); 10 bob answered; 11 secure challenged then answered"

{
  echo "format: sipp -trace_msg (SIPp 3.6.1, Debian sip-tester $version), caller (UAC) side, one SIPp process"
  echo "times: full"
  echo "time-resolution: 1us"
  echo "timezone: local (no offset in the log); made with TZ=UTC"
  echo "endpoints: no"
  echo "transport: yes"
  line requests "$work/uac.truth"; line responses "$work/uac.truth"; line retransmissions "$work/uac.truth"
  line calls "$work/uac.truth"; line challenged "$work/uac.truth"
  echo "$calls_note"
  echo "note: $(line messages "$work/uac.truth" | cut -d' ' -f2) SIP messages, each logged once in a block headed by '----------------------------------------------- YYYY-MM-DD HH:MM:SS.ffffff' and 'UDP message sent (N bytes):' or 'UDP message received [N] bytes :'; the same messages as the pcap (log-check.py)"
  echo "note: 1 block is not on the wire: '-----------------------------------------------' (no time) + 'Unexpected UDP message received:' repeats the 480 Temporarily Unavailable of Call-ID 7-$pid@127.0.0.1 (CSeq 1 INVITE) right after its 'UDP message received' block; it is counted once above. No other message appears twice in the log except real retransmissions (the INVITEs of calls 8 and 9, each also on the wire)."
  echo "note: the ACK of call 7 is SIPp's own default ACK (sent when it aborts a call on an unexpected >= 400 response; it carries 'Subject: Performance Test')"
  echo "note: the 4 retransmissions are INVITEs: call 8 once (its callee sends 180 after 1.2 s), call 9 three times (-max_invite_retrans 3); SIPp's UDP retransmission time-out then ends call 9 without any message"
} > "$out/sipp-uac-udp_messages.truth"

{
  echo "format: sipp -trace_shortmsg (SIPp 3.6.1, Debian sip-tester $version), caller (UAC) side, same run as sipp-uac-udp_messages.log"
  echo "times: full"
  echo "time-resolution: 1us"
  echo "timezone: local date and time of day (no offset) plus Unix epoch seconds.microseconds (UTC) on every line; made with TZ=UTC"
  echo "endpoints: no"
  echo "transport: no"
  line requests "$work/uac.truth"; line responses "$work/uac.truth"; line retransmissions "$work/uac.truth"
  line calls "$work/uac.truth"; line challenged "$work/uac.truth"
  echo "$calls_note"
  echo "note: one line per SIP message sent (S) or received (R), 7 TAB-separated fields: date, time of day, epoch.usec, S|R, Call-ID, 'CSeq:' + CSeq value, the first line; no headers, no body. The same $(line messages "$work/uac.truth" | cut -d' ' -f2) messages as the pcap (log-check.py); the unexpected 480 of call 7 is NOT repeated here"
} > "$out/sipp-uac-udp_shortmessages.truth"

{
  echo "format: sipp -trace_err (SIPp 3.6.1, Debian sip-tester $version), caller (UAC) side, same run as sipp-uac-udp_messages.log"
  echo "times: full"
  echo "time-resolution: 1us"
  echo "timezone: local date and time of day (no offset) plus Unix epoch seconds.microseconds (UTC); made with TZ=UTC"
  echo "endpoints: no"
  echo "transport: no"
  echo "requests:"
  echo "responses: 480=1"
  echo "retransmissions: 0"
  echo "calls:"
  echo "note: no call can be followed: the log holds the 480 but not the INVITE it answers"
  echo "challenged: 0"
  echo "note: first line 'The following events occurred:', then 3 events, each 'YYYY-MM-DD<TAB>HH:MM:SS.ffffff<TAB>epoch.usec: text'; events are NOT separated by a newline (the next one starts right after the previous text) and the file does not end with a newline"
  echo "note: the only SIP message is the 480 Temporarily Unavailable of Call-ID 7-$pid@127.0.0.1, quoted between single quotes inside \"Aborting call on unexpected message for Call-Id '7-$pid@127.0.0.1': while expecting '200' (index 6), received '...'\" (CRLF line ends inside); no INVITE of that call is in this log"
  echo "note: the other 2 events name calls without a SIP message: Call-ID 8-$pid@127.0.0.1 'receive timeout on message ..., jumping to label 39' (the caller giving up without CANCEL, as the scenario says) and 9-$pid@127.0.0.1 'Aborting call on UDP retransmission timeout'"
} > "$out/sipp-uac-udp_errors.truth"

{
  echo "format: sipp -trace_stat (SIPp 3.6.1, Debian sip-tester $version, -stf, -fd 2), caller side, same run as sipp-uac-udp_messages.log"
  echo "times: full"
  echo "time-resolution: 1us"
  echo "timezone: local (no offset) plus Unix epoch seconds.microseconds (UTC); made with TZ=UTC"
  echo "endpoints: no"
  echo "transport: no"
  echo "requests:"
  echo "responses:"
  echo "note: aggregate statistics, no SIP message: a ';'-separated header line (StartTime;LastResetTime;CurrentTime;ElapsedTime(P);...), then one line every 2 s (-fd 2) and one at the end; every line (the header too) ends with ';'; a time field is 'YYYY-MM-DD<TAB>HH:MM:SS.ffffff<TAB>epoch.usec'; (P) = this period, (C) = cumulative; durations as HH:MM:SS or HH:MM:SS:uuuuuu"
  echo "note: last line, as SIPp counts: $(python3 -c '
import sys
rows = open(sys.argv[1]).read().split("\n")
h, v = rows[0].split(";"), rows[-2].split(";")
d = dict(zip(h, v))
print(", ".join(k + "=" + d[k] for k in ["TotalCallCreated", "SuccessfulCall(C)", "FailedCall(C)",
      "FailedUnexpectedMessage(C)", "FailedMaxUDPRetrans(C)", "Retransmissions(C)", "Warnings(C)"]))
' "$out/sipp-uac-udp_stat.csv") (SIPp counts the slow call 8, ended by its own ontimeout jump, as successful)"
} > "$out/sipp-uac-udp_stat.truth"

{
  echo "format: sipp -trace_counts (SIPp 3.6.1, Debian sip-tester $version), caller side, same run as sipp-uac-udp_messages.log"
  echo "times: full"
  echo "time-resolution: 1us"
  echo "timezone: local (no offset) plus Unix epoch seconds.microseconds (UTC); made with TZ=UTC"
  echo "endpoints: no"
  echo "transport: no"
  echo "requests:"
  echo "responses:"
  echo "note: aggregate per-scenario-step counters, no SIP message: a ';'-separated header 'CurrentTime;ElapsedTime;' then <index>_<message>_<counter> columns (e.g. 3_INVITE_Sent;3_INVITE_Retrans;3_INVITE_Timeout;4_100_Recv;...;4_100_Unexp), then one cumulative line every 2 s (-fd 2) and at the end"
} > "$out/sipp-uac-udp_counts.truth"

{
  echo "format: sipp -trace_msg (SIPp 3.6.1, Debian sip-tester $version), callee (UAS) side: the callee on 127.0.0.1:15066 (scenarios/uas-challenge.xml)"
  echo "times: full"
  echo "time-resolution: 1us"
  echo "timezone: local (no offset in the log); made with TZ=UTC"
  echo "endpoints: no"
  echo "transport: yes"
  line requests "$work/uas.truth"; line responses "$work/uas.truth"; line retransmissions "$work/uas.truth"
  line calls "$work/uas.truth"; line challenged "$work/uas.truth"
  echo "note: calls 6 and 11 of sipp-uac-udp_messages.log (Call-IDs 6-$pid@127.0.0.1 and 11-$pid@127.0.0.1), seen by the callee: INVITE received, 407 sent, ACK received, INVITE (CSeq 2, Proxy-Authorization) received, 100/180/200 sent, ACK and BYE received, 200 sent; 'received' blocks hold requests here. Same messages as sipp-uas-udp_messages.pcap (the run's capture cut to udp port 15066; log-check.py); no extra blocks"
} > "$out/sipp-uas-udp_messages.truth"
echo "wrote the truth files"
