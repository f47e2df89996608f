# Sourced by the sample scripts (make-*.sh): what they share.

# require SCRIPT TOOL...: stops with exit 2 and the packages to install when a tool is missing.
require() {
  local script=$1
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || {
      echo "$script: $tool is needed (apt-get install sip-tester tcpdump kamailio python3, as the script needs)" >&2
      exit 2
    }
  done
}

# stop_everything WORK: ends the script's background jobs, its SIPp callees on 127.0.0.1 and a Kamailio whose
# pid file is in WORK, then removes WORK. For `trap ... EXIT`.
stop_everything() {
  local work=$1
  kill $(jobs -p) 2>/dev/null || true
  pkill -f "sipp .* -i 127.0.0.1 -p [5-7][0-9][0-9][0-9] -bg" 2>/dev/null || true
  [ -f "$work/kamailio.pid" ] && kill "$(cat "$work/kamailio.pid")" 2>/dev/null || true
  rm -rf "$work"
}

# start_callee HERE WORK TRANSPORT PORT KIND [CODE REASON CAUSE]: starts one SIPp callee in the background on
# 127.0.0.1.
#   KIND builtin: SIPp's own uas; final: uas-final.xml answering CODE REASON (underscores for spaces) with
#   Reason: Q.850;cause=CAUSE; any other: sipp/uas-KIND.xml. Bounded by timeout like every SIPp run here.
start_callee() {
  local here=$1 work=$2 transport=$3 port=$4 kind=$5 scenario
  case $kind in
    builtin) scenario=(-sn uas) ;;
    final)
      # SIPp checks a status line when it loads the scenario, so the code is written into a copy of it.
      sed -e "s/__CODE__/$6/" -e "s/__REASON__/${7//_/ }/g" -e "s/__CAUSE__/$8/" "$here/sipp/uas-final.xml" \
        > "$work/uas-$port.xml"
      scenario=(-sf "$work/uas-$port.xml") ;;
    *) scenario=(-sf "$here/sipp/uas-$kind.xml") ;;
  esac
  timeout 60 sipp "${scenario[@]}" -t "$transport" -i 127.0.0.1 -p "$port" -bg \
    -trace_err -error_file "$work/uas-$port.err" >/dev/null 2>&1 || true
}
