#!/bin/bash
# Re-creates asterisk-chansip-debug-docs-subscribe.txt in the directory given as $1:
# lines 124,255 of asterisk/documentation @ 382db781db3bfde0b6364e6febac4a8fddd6c469 : docs/Configuration/Channel-Drivers/SIP/Configuring-chan_sip/Configuring-chan_sip-for-Presence-Subscriptions.md
# (byte for byte; see README.md). Set MIRROR_BASE to use local bare clones instead of github.com.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/public-lib.sh"
run() { pub_extract "$1" 'asterisk-chansip-debug-docs-subscribe.txt' 'asterisk/documentation' '382db781db3bfde0b6364e6febac4a8fddd6c469' 'docs/Configuration/Channel-Drivers/SIP/Configuring-chan_sip/Configuring-chan_sip-for-Presence-Subscriptions.md' 'e79e4eab8ff8ad401cedb1dce17d7b36f66200d759b7c7a1060c782e5b0ba303' '124,255'; }
pub_main "${1:-}" run
