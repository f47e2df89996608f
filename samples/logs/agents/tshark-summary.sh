#!/bin/bash
# tshark-summary.sh PCAP: the independent check of a sample's truth: every SIP message in the capture
# (requests by method, responses by code, tshark's own retransmission flag) and the final response per Call-ID.
set -euo pipefail
pcap=${1:?usage: $0 PCAP}
echo "== messages"
tshark -r "$pcap" -Y sip -T fields -e frame.number -e frame.time_relative -e _ws.col.Protocol \
  -e udp.srcport -e tcp.srcport -e udp.dstport -e tcp.dstport -e sip.Method -e sip.Status-Code -e sip.CSeq \
  -e sip.Call-ID -e sip.resend 2>/dev/null
echo "== requests"
tshark -r "$pcap" -Y 'sip.Request-Line' -T fields -e sip.Method 2>/dev/null | sort | uniq -c
echo "== responses"
tshark -r "$pcap" -Y 'sip.Status-Line' -T fields -e sip.Status-Code 2>/dev/null | sort | uniq -c
echo "== retransmissions (tshark sip.resend == 1)"
tshark -r "$pcap" -Y 'sip.resend == 1' 2>/dev/null | wc -l
echo "== final response to each INVITE, by Call-ID"
tshark -r "$pcap" -Y 'sip.Status-Code >= 200 and sip.CSeq.method == "INVITE"' -T fields -e sip.Call-ID \
  -e sip.Status-Code 2>/dev/null | sort -u
