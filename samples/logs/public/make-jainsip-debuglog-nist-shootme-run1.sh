#!/bin/bash
# Re-creates jainsip-debuglog-nist-shootme-run1.txt in the directory given as $1:
# lines 1,862 of usnistgov/jsip @ 6c4eaba47eb78572ba71fc3af741bd0e35c79ac0 : shootmedebug.txt
# (byte for byte; see README.md). Set MIRROR_BASE to use local bare clones instead of github.com.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/public-lib.sh"
run() { pub_extract "$1" 'jainsip-debuglog-nist-shootme-run1.txt' 'usnistgov/jsip' '6c4eaba47eb78572ba71fc3af741bd0e35c79ac0' 'shootmedebug.txt' 'b82d2509319e05100df2890523b56b0097083a7a7c510ef20ed8fa8a60002402' '1,862'; }
pub_main "${1:-}" run
