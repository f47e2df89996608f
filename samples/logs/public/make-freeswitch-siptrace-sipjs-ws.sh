#!/bin/bash
# Re-creates freeswitch-siptrace-sipjs-ws.log in the directory given as $1:
# andrewvmail/drachtio-webrtc-conference @ e15c8523fe615647bb4bf59c0906996dac469440 : take5/freeswitchdirect.log
# (byte for byte; see README.md). Set MIRROR_BASE to use local bare clones instead of github.com.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/public-lib.sh"
run() { pub_extract "$1" 'freeswitch-siptrace-sipjs-ws.log' 'andrewvmail/drachtio-webrtc-conference' 'e15c8523fe615647bb4bf59c0906996dac469440' 'take5/freeswitchdirect.log' 'c43d1b37d346dd786b0e1c67ddb8a3772925c6f2070d2f69877c9a46524eb74e' ''; }
pub_main "${1:-}" run
