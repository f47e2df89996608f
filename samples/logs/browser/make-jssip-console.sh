#!/bin/bash
# Re-creates jssip-console.log (+ .pcap, .truth) in directory $1: JsSIP (npm jssip, version pinned in package.json)
# under Node.js with JsSIP.debug.enable('JsSIP:*'), registering over WebSocket with a Kamailio proxy on 127.0.0.1
# and calling three SIPp callees behind it: answered (then BYE), busy (486), not found (404).
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
source "$(cd "$(dirname "$0")" && pwd)/lib-browser.sh"
trap cleanup EXIT
require node npm kamailio sipp tcpdump tshark ss
npm_install
FORMAT="JsSIP $(node -p "require('$HERE/node_modules/jssip/package.json').version") console under Node.js (JsSIP.debug.enable('JsSIP:*'); npm debug $(node -p "require('$HERE/node_modules/debug/package.json').version"), stdout not a TTY)"
TIMES="full (ISO 8601 date and time, UTC, on the first line of each debug entry)"
TIMEZONE="UTC (Z suffix)"
TIME_RESOLUTION=1ms
LOG_MARKER='JsSIP:Transport (sending message|received text message):$'
NOTE="each logged message is one debug entry of many lines: 'TIMESTAMP JsSIP:Transport sending message:' or 'TIMESTAMP JsSIP:Transport received text message:', an empty line, the message with its CRLF line ends kept, then two LF-only empty lines"
run_browser_sample jssip-console jssip-calls.cjs 18000 "$1"
echo "wrote $1/jssip-console.log, .pcap, .truth"
