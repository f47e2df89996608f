#!/usr/bin/env bash
# Analyses one file several times in one JVM, with the launcher's options for it (WarmRuns): the first run includes
# the JIT's warm-up, the later ones show the pipeline's speed once compiled. docs/performance.md has the figures.
#   scripts/warm-runs.sh target/bench/synthetic-sip-only-10m.pcap 4
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: scripts/warm-runs.sh FILE [RUNS]" >&2; exit 2; }
file=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=bench-lib.sh
. scripts/bench-lib.sh
bench_classpath
# shellcheck source=../analyzer-cli/src/dist/lib/jvm-options.sh
. analyzer-cli/src/dist/lib/jvm-options.sh
jvm_options analyze "$file"
exec java "${jvm[@]}" -cp "$cp" org.sipanalyzer.bench.WarmRuns "$file" "${2:-4}"
