#!/usr/bin/env bash
# Re-creates ngrep.txt (ngrep -d lo -q -t, default layout) and the run's pcap kamailio-syslog.pcap
# in the directory given as $1, with relay-run.sh (six known SIPp calls through Kamailio 5.6 as a tm proxy on
# 127.0.0.1:16060, see relay-run.sh for the calls and README.md for the layout). Needs root and Debian's
# packages (sip-tester, kamailio, tcpdump, tshark, rsyslog, ngrep, sngrep, tmux).
# Usage: make-ngrep.sh OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: make-ngrep.sh OUTDIR}
timeout 300 "$here/relay-run.sh" "$out" syslog ngrep.txt kamailio-syslog.pcap
