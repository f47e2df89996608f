# The JVM options of a sip-analyzer command, shared by the launchers (bin/sip-analyzer in the distribution, and
# ./sip-analyzer in a source tree). Sourced, not run: jvm_options "$@" sets the array jvm.
#
# A bounded heap keeps peak memory under 512 MB whatever the capture's size (the analysis streams). Files are analysed
# for throughput: the parallel collector with a young generation of 192 MB, where nearly everything a message
# allocates dies (with the default third of the heap, young collections took a quarter of the time on a capture of
# SIP alone; docs/performance.md). listen and live run for days and must not stop long enough to lose packets: G1,
# pauses of about 50 ms at most (the parallel collector's full collections took 300 ms, and the kernel dropped what
# came meanwhile).
#
# Most captures finish before the optimising compiler pays for itself: for files of 384 MB or less in all, only the
# quick compiler runs, and no performance-counter file is written. Past that, the optimising compiler inlines methods
# of at most 50 bytecodes where they are called often (the default is 325): it then compiles smaller graphs, spends
# far less than its 1.5 CPU-s, and the code it makes is as fast or faster (410 MB, a million SIP messages, each a new
# call: 1.99-2.14 s, against 2.43-2.62 s with the default inlining and 2.14-2.26 s with the quick compiler alone; 2.99
# million SIP messages, 1.2 GB: 3.92-4.34 s against 4.41-4.79 s). At 287 MB the two break even (1.72-1.79 s against
# 1.66-1.73 s), and a capture of calls with their RTP favours the quick compiler for longer (283 MB: 0.99-1.02 s
# against 1.22-1.25 s). docs/performance.md has the commands.
#
# Where the kernel hands out transparent huge pages on request (Linux's "madvise" mode, the usual default), the heap
# asks for them: first touches of the young generation then fault 2 MB at a time rather than 4 KB, which took a fifth of
# the time on 122 MB of SIP (1.18-1.20 s rather than 1.49-1.50 s; docs/performance.md). In "always" mode the heap has
# them anyway, and in "never", or off Linux, the JVM is not asked (it would warn). listen and live do without.
jvm_options() {
  jvm=(-Xmx416m -Xmn192m -XX:+UseParallelGC)
  case "${1:-}" in
    listen | live) jvm=(-Xmx320m -XX:+UseG1GC -XX:MaxGCPauseMillis=50) ;;
    analyze | calls | check)
      local files=() a sizes last total
      for a in "$@"; do
        case "$a" in -*) ;; *) [ -f "$a" ] && files+=("$a") ;; esac
      done
      if [ "${#files[@]}" -gt 0 ]; then
        sizes=$(wc -c -- "${files[@]}" 2>/dev/null) || sizes=
        last=${sizes##*$'\n'}                    # one file's size, or the total of several
        last=${last#"${last%%[![:space:]]*}"}
        total=${last%%[![:digit:]]*}
      fi
      if [ -n "${total:-}" ] && [ "$total" -le 402653184 ]; then
        jvm+=(-XX:TieredStopAtLevel=1 -XX:-UsePerfData)
      else
        jvm+=(-XX:FreqInlineSize=50)
      fi ;;
  esac
  local thp=
  case "${1:-}" in
    listen | live) ;;   # a fault that compacts memory for a huge page could stall a capture
    *) [ -r /sys/kernel/mm/transparent_hugepage/enabled ] && read -r thp < /sys/kernel/mm/transparent_hugepage/enabled ;;
  esac
  case "$thp" in *"[madvise]"*) jvm+=(-XX:+UseTransparentHugePages) ;; esac
}
