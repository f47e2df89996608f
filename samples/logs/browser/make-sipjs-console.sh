#!/bin/bash
# Re-creates sipjs-console.log (+ .pcap, .truth) in directory $1: SIP.js (npm sip.js, version pinned in
# package.json) under Node.js with UserAgent option logLevel "debug", registering over WebSocket with a Kamailio
# proxy on 127.0.0.1 and calling three SIPp callees behind it: answered (then BYE), busy (486), not found (404).
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
source "$(cd "$(dirname "$0")" && pwd)/lib-browser.sh"
trap cleanup EXIT
require node npm kamailio sipp tcpdump tshark ss
npm_install
FORMAT="SIP.js $(node -p "require('$HERE/node_modules/sip.js/package.json').version") console under Node.js (UserAgent logLevel \"debug\", built-in console logger)"
TIMES="full (JavaScript Date.toString(): weekday, month, day, year, time, offset and zone name, on the first line of each log entry)"
TIMEZONE="UTC, written as GMT+0000 (Coordinated Universal Time) (the script runs node with TZ=UTC)"
TIME_RESOLUTION=1s
LOG_MARKER='\| sip\.Transport \| (Sending WebSocket message|Received WebSocket text message):$'
NOTE="each logged message is one log entry of many lines: 'DATE | sip.Transport | Sending WebSocket message:' or 'DATE | sip.Transport | Received WebSocket text message:', an empty line, the message with its CRLF line ends kept, then two LF-only empty lines"
run_browser_sample sipjs-console sipjs-calls.mjs 18100 "$1"
echo "wrote $1/sipjs-console.log, .pcap, .truth"
