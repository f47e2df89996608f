#!/usr/bin/env bash
# Re-creates every sample of this folder in the directory given as $1: one syslog run (kamailio-syslog*.log,
# kamailio-sipdump.*, ngrep*.txt, tshark-*.txt, sngrep-export.txt, all of the same calls, kamailio-syslog.pcap)
# and one stderr run (kamailio-stderr.log, kamailio-stderr.pcap). See relay-run.sh and README.md.
# Usage: make-all.sh OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: make-all.sh OUTDIR}
timeout 300 "$here/relay-run.sh" "$out" syslog
timeout 300 "$here/relay-run.sh" "$out" stderr
