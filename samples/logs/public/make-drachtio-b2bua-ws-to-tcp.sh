#!/bin/bash
# Re-creates drachtio-b2bua-ws-to-tcp.log in the directory given as $1:
# andrewvmail/drachtio-webrtc-conference @ cd39096f0585411a20430f5e572dd5685bc57ad1 : take2/drachtio.log
# (byte for byte; see README.md). Set MIRROR_BASE to use local bare clones instead of github.com.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/public-lib.sh"
run() { pub_extract "$1" 'drachtio-b2bua-ws-to-tcp.log' 'andrewvmail/drachtio-webrtc-conference' 'cd39096f0585411a20430f5e572dd5685bc57ad1' 'take2/drachtio.log' '0149e1e208c975c0dcef9f837bc1a5639f49aa56130381954819245d5d3fef12' ''; }
pub_main "${1:-}" run
