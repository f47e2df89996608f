#!/bin/bash
# Makes linphonec-debug.log (linphonec's debug log, `linphonec -d 6 -l FILE`, in which belle-sip prints every
# SIP message it sends and receives) and linphonec-debug.pcap (the same SIP traffic, recorded by tcpdump at the
# same time) in the directory $1.
# linphonec (UA 127.0.0.1:17020, no sound card: there is none in the namespace) places 5 calls to SIPp callees
# on 127.0.0.1, driven through its standard input:
#   17021 answered (SIPp built-in uas; linphonec hangs up: BYE)   17022 busy (486)   17023 not found (404)
#   17024 cancelled (rings; linphonec hangs up while ringing: CANCEL, 487)
#   17025 challenged with 407, answered after the INVITE with credentials, linphonec hangs up: BYE
# Needs root and the Debian packages linphone-cli, sip-tester, tcpdump, util-linux.
set -euo pipefail
out=$(cd "${1:?usage: $0 OUTPUT-DIR}" && pwd)
source "$(dirname "$0")/ep-lib.sh"
ep_netns "$0" "$@"
ep_require linphonec sipp tcpdump
EP_WORK=$(mktemp -d)
trap ep_cleanup EXIT

# linphonec keeps its databases under $HOME/.local/share/linphone; without that folder it never listens.
export HOME=$EP_WORK/home
mkdir -p "$HOME/.local/share/linphone"
cat > "$EP_WORK/linphonerc" <<'EOF'
[sip]
sip_port=17020
sip_tcp_port=0
sip_tls_port=0
contact="Alice" <sip:alice@127.0.0.1>
register_only_when_network_is_up=0

[rtp]
audio_rtp_port=17350
video_rtp_port=17360

[net]
stun_server=
firewall_policy=0

[video]
enabled=0
capture=0
display=0

[auth_info_0]
username=alice
passwd=secret
realm=sip-analyzer.test
EOF

ep_pcap "$out/linphonec-debug.pcap" 'udp and (port 17020 or portrange 17021-17025)'
ep_callee 17021 builtin
ep_callee 17022 final 486 Busy_Here 17
ep_callee 17023 final 404 Not_Found 1
ep_callee 17024 cancel
ep_callee 17025 challenge
sleep 1

rm -f "$out/linphonec-debug.log"
{
  sleep 3
  echo "call sip:answer@127.0.0.1:17021"; sleep 3; echo "terminate"; sleep 2
  echo "call sip:busy@127.0.0.1:17022"; sleep 3
  echo "call sip:nobody@127.0.0.1:17023"; sleep 3
  echo "call sip:ring@127.0.0.1:17024"; sleep 2; echo "terminate"; sleep 2
  echo "call sip:secret@127.0.0.1:17025"; sleep 3; echo "terminate"; sleep 2
  echo "quit"
  sleep 5
} | timeout 90 linphonec -c "$EP_WORK/linphonerc" -d 6 -l "$out/linphonec-debug.log" > "$EP_WORK/linphonec.out" 2>&1 &
EP_PIDS+=($!)
wait $! || true
ep_pcap_stop
