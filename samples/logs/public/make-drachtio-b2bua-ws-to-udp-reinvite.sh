#!/bin/bash
# Re-creates drachtio-b2bua-ws-to-udp-reinvite.log in the directory given as $1:
# andrewvmail/drachtio-webrtc-conference @ e544a7edbc0a27d04cb2dfb79a23d4aa8eb81386 : take7/swappeddrachtio.log
# (byte for byte; see README.md). Set MIRROR_BASE to use local bare clones instead of github.com.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/public-lib.sh"
run() { pub_extract "$1" 'drachtio-b2bua-ws-to-udp-reinvite.log' 'andrewvmail/drachtio-webrtc-conference' 'e544a7edbc0a27d04cb2dfb79a23d4aa8eb81386' 'take7/swappeddrachtio.log' 'dbc856fe799784954550f9a62111f48fbdc1d19fdba2691005575c3260c2b601' ''; }
pub_main "${1:-}" run
