#!/bin/bash
# Re-creates jainsip-messagelog-nist-shootme.txt in the directory given as $1:
# usnistgov/jsip @ 6c4eaba47eb78572ba71fc3af741bd0e35c79ac0 : shootmelog.txt
# (byte for byte; see README.md). Set MIRROR_BASE to use local bare clones instead of github.com.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/public-lib.sh"
run() { pub_extract "$1" 'jainsip-messagelog-nist-shootme.txt' 'usnistgov/jsip' '6c4eaba47eb78572ba71fc3af741bd0e35c79ac0' 'shootmelog.txt' 'f1ef621217473a6a113ddf095e777e571d834de495488f7a26f815b9835a93cd' ''; }
pub_main "${1:-}" run
