#!/bin/bash
# Re-creates asterisk-pjsip-logger-docs-auth-failure.txt in the directory given as $1:
# lines 173,286 of asterisk/documentation @ 382db781db3bfde0b6364e6febac4a8fddd6c469 : docs/Configuration/Channel-Drivers/SIP/Configuring-res_pjsip/Asterisk-PJSIP-Troubleshooting-Guide.md
# (byte for byte; see README.md). Set MIRROR_BASE to use local bare clones instead of github.com.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/public-lib.sh"
run() { pub_extract "$1" 'asterisk-pjsip-logger-docs-auth-failure.txt' 'asterisk/documentation' '382db781db3bfde0b6364e6febac4a8fddd6c469' 'docs/Configuration/Channel-Drivers/SIP/Configuring-res_pjsip/Asterisk-PJSIP-Troubleshooting-Guide.md' '3938b1387b2d7a46d1e3b7a5fa5eb0328d6ac306568ddb157c0d7e7dbd93689d' '173,286'; }
pub_main "${1:-}" run
