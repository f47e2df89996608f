#!/usr/bin/env bash
# Runs the JMH benchmarks of analyzer-core (src/test/java/org/sipanalyzer/bench). Extra arguments go to JMH,
# e.g.  scripts/jmh.sh 'StageBenchmarks.scan.*' -f 1 -wi 2 -i 3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=bench-lib.sh
. scripts/bench-lib.sh
bench_classpath
exec java -cp "$cp" org.openjdk.jmh.Main "${@:-StageBenchmarks}"
