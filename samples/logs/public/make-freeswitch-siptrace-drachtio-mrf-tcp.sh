#!/bin/bash
# Re-creates freeswitch-siptrace-drachtio-mrf-tcp.log in the directory given as $1:
# andrewvmail/drachtio-webrtc-conference @ cd39096f0585411a20430f5e572dd5685bc57ad1 : take2/freewswitch.log
# (byte for byte; see README.md). Set MIRROR_BASE to use local bare clones instead of github.com.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/public-lib.sh"
run() { pub_extract "$1" 'freeswitch-siptrace-drachtio-mrf-tcp.log' 'andrewvmail/drachtio-webrtc-conference' 'cd39096f0585411a20430f5e572dd5685bc57ad1' 'take2/freewswitch.log' '76a52f424e9888a67bd355a73fac6ace18567447d83e37ad57a2efdfbb143ef0' ''; }
pub_main "${1:-}" run
