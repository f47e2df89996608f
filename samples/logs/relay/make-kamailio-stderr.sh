#!/usr/bin/env bash
# Re-creates kamailio-stderr.log (Kamailio xlog with -E, logging to stderr) and its pcap
# kamailio-stderr.pcap
# in the directory given as $1, with relay-run.sh (six known SIPp calls through Kamailio 5.6 as a tm proxy on
# 127.0.0.1:16060, see relay-run.sh for the calls and README.md for the layout). Needs root and Debian's
# packages (sip-tester, kamailio, tcpdump, tshark).
# Usage: make-kamailio-stderr.sh OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: make-kamailio-stderr.sh OUTDIR}
timeout 300 "$here/relay-run.sh" "$out" stderr kamailio-stderr.log kamailio-stderr.pcap
