# Shared by the benchmark scripts. Sourced, not run: bench_classpath builds the project (from its root), compiles
# analyzer-core's tests (the benchmarks and the capture generator) and sets cp to run them; the others check a
# script's arguments and generate its synthetic captures.
bench_classpath() {
  mvn -B -q -Dstyle.color=never -DskipTests install >&2
  mvn -B -q -Dstyle.color=never -pl analyzer-core test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
  cp="analyzer-core/target/test-classes:analyzer-core/target/classes:$(cat analyzer-core/target/bench.classpath)"
}

# bench_args NAME KINDS ARG RUNS: sets what (a kind of KINDS, space-separated, or ARG as an absolute path, resolved
# before the script moves to the project's root) and runs (a positive number), or exits with a one-line error.
bench_args() {
  local name=$1 kinds=$2
  what=$3
  runs=$4
  if [[ " $kinds " != *" $what "* ]]; then
    [ -f "$what" ] || { echo "$name: $what: no such file (or kind: ${kinds// /, })" >&2; exit 2; }
    what=$(cd "$(dirname "$what")" && pwd)/$(basename "$what")
  fi
  [[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "$name: RUNS must be a positive number, not '$runs'" >&2; exit 2; }
}

# bench_generate FILE PACKETS KIND: the synthetic capture, with its true counts beside it, unless FILE exists. It is
# written under another name first, so that an interrupted run leaves no partial capture to be taken for whole.
bench_generate() {
  [ -f "$1" ] && return 0
  java -cp "$cp" org.sipanalyzer.testing.SyntheticCapture "$1.part" "$2" 1 "$3" >&2
  mv -f "$1.part.expected.tsv" "$1.expected.tsv" 2>/dev/null || true
  mv -f "$1.part" "$1"
}
