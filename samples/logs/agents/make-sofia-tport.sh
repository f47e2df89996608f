#!/bin/bash
# Makes, in the directory $1, from one run of sofia-sip's sip-options (Debian sofia-sip-bin) against SIPp UASes
# on 127.0.0.1:
#   sofia-tport-log.log   what sofia-sip's transport layer prints to stderr with TPORT_LOG=1 (the layout that
#                         FreeSWITCH's `sofia global siptrace on` also prints)
#   sofia-tport-dump.log  the file sofia-sip's transport layer writes with TPORT_DUMP=FILE
#   sofia-tport-log.pcap, sofia-tport-dump.pcap  the same SIP traffic recorded by tcpdump at the same time
#                         (one capture, stored under both names)
# sip-options (bound to sip:127.0.0.1:17030) sends 6 OPTIONS requests, one run each, one after the other:
#   17031 UDP 200 OK   17032 UDP 404 Not Found   17033 UDP 486 Busy Here   17034 UDP 403 Forbidden
#   17035 UDP no answer at all (sofia retransmits until its transaction times out after 32 s)
#   17036 TCP 200 OK
# sofia-sip-bin has no tool that places calls (no sofsip_cli), so there is no INVITE in these samples.
# Needs root and the Debian packages sofia-sip-bin, sip-tester, tcpdump, util-linux.
set -euo pipefail
out=$(cd "${1:?usage: $0 OUTPUT-DIR}" && pwd)
source "$(dirname "$0")/ep-lib.sh"
ep_netns "$0" "$@"
ep_require sip-options sipp tcpdump
EP_WORK=$(mktemp -d)
trap ep_cleanup EXIT

ep_pcap "$EP_WORK/sofia.pcap" '(udp or tcp) and (port 17030 or portrange 17031-17036)'
ep_callee 17031 options 200 OK
ep_callee 17032 options 404 Not_Found
ep_callee 17033 options 486 Busy_Here
ep_callee 17034 options 403 Forbidden
ep_callee 17035 options-silent
EP_TRANSPORT=t1 ep_callee 17036 options 200 OK
sleep 1

rm -f "$out/sofia-tport-log.log" "$out/sofia-tport-dump.log"
for target in sip:127.0.0.1:17031 sip:127.0.0.1:17032 sip:127.0.0.1:17033 sip:127.0.0.1:17034 \
    sip:127.0.0.1:17035 "sip:127.0.0.1:17036;transport=tcp"; do
  TPORT_LOG=1 TPORT_DUMP="$out/sofia-tport-dump.log" timeout 60 sip-options --bind=sip:127.0.0.1:17030 "$target" \
    >> "$EP_WORK/sip-options.out" 2>> "$out/sofia-tport-log.log" || true
  sleep 0.5
done
ep_pcap_stop
cp "$EP_WORK/sofia.pcap" "$out/sofia-tport-log.pcap"
cp "$EP_WORK/sofia.pcap" "$out/sofia-tport-dump.pcap"
