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
# Most captures finish before the optimising compiler pays for itself: for files of 320 MB or less in all, only the
# quick compiler runs, and no performance-counter file is written. On 2 cores the optimising compiler spends 1.6 CPU-s
# compiling; 122 MB of SIP take 1.00 s rather than 1.20 s without it, a 283 MB capture of calls with their RTP 1.11 s
# rather than 1.44 s; a capture of SIP alone breaks even near 300 MB (730,000 messages) and past that the optimising
# compiler pays for itself (410 MB, a million messages: 2.43 s with it, 2.71 s without; docs/performance.md).
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
        if [ -n "$total" ] && [ "$total" -le 335544320 ]; then
          jvm+=(-XX:TieredStopAtLevel=1 -XX:-UsePerfData)
        fi
      fi ;;
  esac
  local thp=
  case "${1:-}" in
    listen | live) ;;   # a fault that compacts memory for a huge page could stall a capture
    *) [ -r /sys/kernel/mm/transparent_hugepage/enabled ] && read -r thp < /sys/kernel/mm/transparent_hugepage/enabled ;;
  esac
  case "$thp" in *"[madvise]"*) jvm+=(-XX:+UseTransparentHugePages) ;; esac
}
