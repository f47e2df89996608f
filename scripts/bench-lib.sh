# Shared by the benchmark scripts. Sourced, not run, from the project's root: bench_classpath builds the project,
# compiles analyzer-core's tests (the benchmarks and the capture generator) and sets cp to run them.
bench_classpath() {
  mvn -B -q -Dstyle.color=never -DskipTests install >&2
  mvn -B -q -Dstyle.color=never -pl analyzer-core test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
  cp="analyzer-core/target/test-classes:analyzer-core/target/classes:$(cat analyzer-core/target/bench.classpath)"
}
