#!/bin/bash
# Re-creates jssip-console-nodate.log (+ .pcap, .truth) in directory $1: as make-jssip-console.sh (JsSIP under
# Node.js, JsSIP.debug.enable('JsSIP:*'), three calls: answered then BYE, busy 486, not found 404), but with
# DEBUG_HIDE_DATE=1, the npm `debug` switch that drops its timestamp: the layout of a JsSIP log without times.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
source "$(cd "$(dirname "$0")" && pwd)/lib-browser.sh"
trap cleanup EXIT
require node npm kamailio sipp tcpdump tshark ss
npm_install
EXTRA_ENV=(DEBUG_HIDE_DATE=1)
FORMAT="JsSIP $(node -p "require('$HERE/node_modules/jssip/package.json').version") console under Node.js (JsSIP.debug.enable('JsSIP:*'); npm debug $(node -p "require('$HERE/node_modules/debug/package.json').version") with DEBUG_HIDE_DATE=1, stdout not a TTY)"
TIMES="none"
TIMEZONE="none (no times in the log)"
TIME_RESOLUTION="none"
LOG_MARKER='^JsSIP:Transport (sending message|received text message):$'
NOTE="each logged message is one debug entry of many lines: 'JsSIP:Transport sending message:' or 'JsSIP:Transport received text message:', an empty line, the message with its CRLF line ends kept, then two LF-only empty lines"
run_browser_sample jssip-console-nodate jssip-calls.cjs 18200 "$1"
echo "wrote $1/jssip-console-nodate.log, .pcap, .truth"
