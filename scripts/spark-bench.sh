#!/usr/bin/env bash
# Throughput of the Spark analysis in local mode beside the command line, on the same files (a benchmark, not a
# test): FILES synthetic captures of PACKETS packets each (SyntheticCapture, seeds 1..FILES; SIP with RTP, as a
# probe records it) are analysed by `sip-analyzer analyze -f json` and by SparkMain with local[1] and local[2]; each
# run's wall time, CPU time and peak memory are printed, with MB/s per CPU-second, and the JSON reports are compared.
# Usage: scripts/spark-bench.sh [FILES] [PACKETS]     (default 8 250000: about 540 MB)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
files=${1:-8}
packets=${2:-250000}
dir=target/bench/spark-$files-$packets
[ -f analyzer-cli/target/sip-analyzer.jar ] && [ -f analyzer-spark/target/sip-analyzer-spark.jar ] \
  || mvn -B -q -Dstyle.color=never -DskipTests install >&2
mvn -B -q -Dstyle.color=never -pl analyzer-core dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/target/bench.classpath" >&2
mvn -B -q -Dstyle.color=never -pl analyzer-spark dependency:build-classpath \
  -Dmdep.outputFile="$root/target/spark.classpath" >&2
if [ ! -d "$dir" ]; then
  mkdir -p "$dir.tmp"
  cp="analyzer-core/target/test-classes:analyzer-core/target/classes:$(cat target/bench.classpath)"
  for i in $(seq "$files"); do
    java -cp "$cp" org.sipanalyzer.testing.SyntheticCapture "$dir.tmp/capture-$(printf %03d "$i").pcap" "$packets" "$i" >&2
  done
  rm -f "$dir.tmp"/*.expected.tsv   # the generator's truth beside each capture: not an input here
  mv "$dir.tmp" "$dir"
fi
abs=$(cd "$dir" && pwd)
mb=$(du -sm "$abs" | cut -f1)
cat "$abs"/* > /dev/null   # into the page cache
out=target/bench/spark-out
mkdir -p "$out"

measure() { # NAME COMMAND...: prints NAME wall cpu rss MB/s-per-cpu-second
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S %M" "$@" > /dev/null 2> "$out/time.txt" || { cat "$out/time.txt" >&2; exit 1; }
  read -r wall user sys rss < <(tail -1 "$out/time.txt")
  awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v mb="$mb" 'BEGIN {
    printf "%-22s %7.2f s wall %7.2f s CPU %6d MB peak  %7.1f MB/s  %6.1f MB per CPU-second\n", n, w, u + s, r / 1024,
      mb / w, mb / (u + s) }'
}
echo "$files files, $mb MB, $(nproc) cores"
measure "command line" java -Xmx320m -XX:+UseParallelGC -jar analyzer-cli/target/sip-analyzer.jar analyze -f json \
  -o "$out/cli.json" "$abs"
spark_cp="analyzer-spark/target/sip-analyzer-spark.jar:$(cat target/spark.classpath)"
for n in 1 2; do
  measure "spark local[$n]" java -Xmx1g -Dspark.master="local[$n]" -Dspark.ui.enabled=false \
    -Dlog4j2.configurationFile="$root/analyzer-spark/src/test/resources/log4j2.properties" -cp "$spark_cp" \
    org.sipanalyzer.spark.SparkMain "$abs" -f json -o "file://$root/$out/spark-$n.json" --batch-mb 16
  cmp -s "$out/cli.json" "$out/spark-$n.json" && echo "  the same JSON as the command line's" \
    || echo "  the JSON differs from the command line's: diff $out/cli.json $out/spark-$n.json"
done
