#!/usr/bin/env bash
# Runs the JMH benchmarks of analyzer-core (src/test/java/org/sipanalyzer/bench). Extra arguments go to JMH,
# e.g.  scripts/jmh.sh 'StageBenchmarks.scan.*' -f 1 -wi 2 -i 3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn -B -q -Dstyle.color=never -DskipTests install >&2
mvn -B -q -Dstyle.color=never -pl analyzer-core test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
cp="analyzer-core/target/test-classes:analyzer-core/target/classes:$(cat analyzer-core/target/bench.classpath)"
exec java -cp "$cp" org.openjdk.jmh.Main "${@:-StageBenchmarks}"
