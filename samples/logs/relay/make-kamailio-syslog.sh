#!/usr/bin/env bash
# Re-creates kamailio-syslog.log (Kamailio xlog through a private rsyslogd, RSYSLOG_FileFormat) and its
# pcap kamailio-syslog.pcap
# in the directory given as $1, with relay-run.sh (six known SIPp calls through Kamailio 5.6 as a tm proxy on
# 127.0.0.1:16060, see relay-run.sh for the calls and README.md for the layout). Needs root and Debian's
# packages (sip-tester, kamailio, tcpdump, tshark, rsyslog, ngrep, sngrep, tmux).
# Usage: make-kamailio-syslog.sh OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: make-kamailio-syslog.sh OUTDIR}
timeout 300 "$here/relay-run.sh" "$out" syslog kamailio-syslog.log kamailio-syslog.pcap
