#!/bin/bash
# Re-creates every sample of this folder in directory $1 (default: this folder).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
for s in jssip-console jssip-console-nodate sipjs-console; do
  timeout 180 "$here/make-$s.sh" "$out"
done
