#!/usr/bin/env bash
# Runs the large attacks of docs/reliability.md through the command-line tool under the launcher's heap and prints,
# for each, the command, its exit status, wall time, CPU time and peak RSS. Inputs are generated once into
# target/attacks/ (about 2 GB of disk). A benchmark, not a test: run it on a quiet machine.
# Usage: scripts/attacks.sh [NAME...]   (names: flood-analyze flood-calls adversarial many-inputs blank-log-gzip
#                                         gzip-bomb nonsip-log)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dir=target/attacks
mkdir -p "$dir"
mvn -B -q -Dstyle.color=never -DskipTests install >&2
if [ ! -f "$dir/classpath" ]; then
  mvn -B -q -Dstyle.color=never -pl analyzer-core dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$root/$dir/classpath" >&2
fi
cp="analyzer-core/target/test-classes:analyzer-core/target/classes:$(cat "$dir/classpath")"
jar=analyzer-cli/target/sip-analyzer.jar
java_opts=(-Xmx320m -XX:+UseParallelGC)   # what the launcher runs with

sip_message() { # one SIP request, so that a text file is recognised as a log
  printf 'INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: attack-1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n'
}

make_inputs() {
  case "$1" in
    flood-*)
      [ -f "$dir/invite-flood.pcap" ] || java -cp "$cp" org.sipanalyzer.testing.AdversarialCapture \
        "$dir/invite-flood.pcap" 1000000 invite-flood ;;
    adversarial)
      [ -f "$dir/adversarial.pcap" ] || java -cp "$cp" org.sipanalyzer.testing.AdversarialCapture \
        "$dir/adversarial.pcap" 1000000 ;;
    many-inputs)
      if [ ! -d "$dir/many" ]; then
        # 100,000 captures of two packets each: the sample's packets, two at a time, copied round.
        mkdir -p "$dir/split" "$dir/many"
        editcap -c 2 samples/sipp-calls-udp.pcap "$dir/split/part.pcap"
        mapfile -t parts < <(ls "$dir"/split/*.pcap)
        for ((i = 0; i < 100000; i++)); do
          d="$dir/many/$((i / 1000))"
          [ -d "$d" ] || mkdir "$d"
          cp "${parts[i % ${#parts[@]}]}" "$d/$i.pcap"
        done
      fi ;;
    blank-log-gzip)
      [ -f "$dir/blank-lines.log.gz" ] || { sip_message; head -c 1073741824 /dev/zero | tr '\0' '\n'; } \
        | gzip -1 > "$dir/blank-lines.log.gz" ;;
    gzip-bomb)
      # A log that expands past the 64 GiB default: stopped there with a warning. 8 GiB to keep the run short
      # here, with the limit lowered to 4 GiB to show the stop.
      [ -f "$dir/bomb.log.gz" ] || { sip_message; head -c 8589934592 /dev/zero | tr '\0' '\n'; } \
        | gzip -1 > "$dir/bomb.log.gz" ;;
    nonsip-log)
      if [ ! -f "$dir/nonsip.log" ]; then
        { sip_message; awk 'BEGIN { for (i = 0; i < 1500000; i++) printf "2026-12-02 10:%02d:%02d.%03d INFO [worker-%d] cache refreshed in %d ms, %d entries\n", (i / 60000) % 60, (i / 1000) % 60, i % 1000, i % 8, i % 97, i * 7 % 65536 }'; } > "$dir/nonsip.log"
      fi ;;
  esac
}

run() { # NAME, then the tool's arguments
  local name=$1 rc wall user sys rss
  shift
  set +e
  /usr/bin/time -o "$dir/$name.time" -f "%e %U %S %M" java "${java_opts[@]}" -jar "$jar" "$@" \
    > "$dir/$name.out" 2> "$dir/$name.err"
  rc=$?
  set -e
  read -r wall user sys rss < <(tail -1 "$dir/$name.time")
  printf '%-15s exit %s  %7s s wall  %7.2f s CPU  %5d MB peak RSS   java -jar sip-analyzer.jar %s\n' "$name" "$rc" \
    "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" "$((rss / 1024))" "$*"
}

names=("$@")
[ ${#names[@]} -gt 0 ] || names=(flood-analyze flood-calls adversarial many-inputs blank-log-gzip gzip-bomb nonsip-log)
for n in "${names[@]}"; do
  make_inputs "$n"
  case "$n" in
    flood-analyze) run "$n" analyze -f json -o /dev/null "$dir/invite-flood.pcap" ;;
    flood-calls) run "$n" calls -f csv -o /dev/null "$dir/invite-flood.pcap" ;;
    adversarial) run "$n" analyze -f json -o /dev/null "$dir/adversarial.pcap" ;;
    many-inputs) run "$n" analyze -f json -o /dev/null "$dir/many" ;;
    blank-log-gzip) run "$n" analyze -f json -o /dev/null "$dir/blank-lines.log.gz" ;;
    gzip-bomb) run "$n" analyze --max-decompressed-bytes 4G -o /dev/null "$dir/bomb.log.gz" ;;
    nonsip-log) run "$n" analyze -f json -o /dev/null "$dir/nonsip.log" ;;
    *) echo "attacks: unknown attack '$n'" >&2; exit 2 ;;
  esac
done
