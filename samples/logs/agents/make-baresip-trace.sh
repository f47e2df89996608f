#!/bin/bash
# Makes baresip-trace.log (baresip's stdout with its SIP trace on, `baresip -s`) and baresip-trace.pcap
# (the same SIP traffic, recorded by tcpdump at the same time) in the directory $1.
# baresip (UA 127.0.0.1:17010, no audio driver) places 5 calls to SIPp callees on 127.0.0.1, driven through
# its `cons` UDP console on 127.0.0.1:17019:
#   17011 answered (SIPp built-in uas; baresip hangs up: BYE)   17012 busy (486)   17013 not found (404)
#   17014 cancelled (rings; baresip hangs up while ringing: CANCEL, 487)
#   17015 challenged with 407, answered after the INVITE with credentials, baresip hangs up: BYE
# Needs root and the Debian packages baresip-core, sip-tester, tcpdump, util-linux, python3.
set -euo pipefail
out=$(cd "${1:?usage: $0 OUTPUT-DIR}" && pwd)
source "$(dirname "$0")/ep-lib.sh"
ep_netns "$0" "$@"
ep_require baresip sipp tcpdump python3
EP_WORK=$(mktemp -d)
trap ep_cleanup EXIT

cfg=$EP_WORK/baresip
mkdir -p "$cfg"
cat > "$cfg/config" <<'EOF'
poll_method		epoll
net_interface		127.0.0.1
sip_listen		127.0.0.1:17010
call_local_timeout	120
call_max_calls		4
audio_player
audio_source
audio_alert
rtp_ports		17300-17349
module_path		/usr/lib/baresip/modules
module			cons.so
module			g711.so
module_tmp		account.so
module_app		menu.so
cons_listen		127.0.0.1:17019
statmode_default	off
EOF
echo '<sip:alice@127.0.0.1>;auth_pass=secret;regint=0' > "$cfg/accounts"
: > "$cfg/contacts"

ep_pcap "$out/baresip-trace.pcap" 'udp and (port 17010 or portrange 17011-17015)'
ep_callee 17011 builtin
ep_callee 17012 final 486 Busy_Here 17
ep_callee 17013 final 404 Not_Found 1
ep_callee 17014 cancel
ep_callee 17015 challenge
sleep 1

timeout 120 stdbuf -oL -eL baresip -f "$cfg" -s > "$out/baresip-trace.log" 2>&1 &
EP_PIDS+=($!)
bs=$!
sleep 2

# cmd TEXT: one command line to baresip's cons console (UDP).
cmd() {
  python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.sendto(sys.argv[1].encode()+b"\n",("127.0.0.1",17019))' "$1"
}
cmd "/dial sip:answer@127.0.0.1:17011"; sleep 2; cmd "/hangup"; sleep 1.5
cmd "/dial sip:busy@127.0.0.1:17012"; sleep 2
cmd "/dial sip:nobody@127.0.0.1:17013"; sleep 2
cmd "/dial sip:ring@127.0.0.1:17014"; sleep 2; cmd "/hangup"; sleep 1.5
cmd "/dial sip:secret@127.0.0.1:17015"; sleep 2; cmd "/hangup"; sleep 1.5
cmd "/quit"
for _ in $(seq 50); do kill -0 "$bs" 2>/dev/null || break; sleep 0.1; done
ep_pcap_stop
