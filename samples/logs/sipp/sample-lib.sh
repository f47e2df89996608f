# Sourced by make-sipp-*.sh. Adapted from the project's samples/sample-lib.sh: callees run in the foreground of a background job (no -bg, so `timeout` really bounds
# them), their PIDs are recorded, and cleanup ends exactly those PIDs (no pkill by name).

CALLEE_PIDS=()

# require SCRIPT TOOL...: stops with exit 2 and the packages to install when a tool is missing.
require() {
  local script=$1
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || {
      echo "$script: $tool is needed (apt-get install sip-tester tcpdump tshark)" >&2
      exit 2
    }
  done
}

# stop_pids PID...: ends the given processes (SIGTERM, then SIGKILL after 2 s) and reaps them.
stop_pids() {
  local pid n
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for n in 1 2 3 4 5 6 7 8 9 10; do
    local alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for pid in "$@"; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}

# stop_everything WORK: ends the callees and any other background job of this script, removes WORK.
stop_everything() {
  local work=$1
  stop_pids "${CALLEE_PIDS[@]}" $(jobs -p)
  CALLEE_PIDS=()
  rm -rf "$work"
}

# start_callee HERE WORK TRANSPORT PORT KIND CODE REASON CAUSE [EXTRA SIPP OPTIONS...]: starts one SIPp callee
# in the background on 127.0.0.1 (bounded: timeout 60 and SIPp's own -timeout 50s); its RTP echo port (-mp)
# is 15200 + 4 * (PORT - 15000).
#   KIND builtin: SIPp's own uas; final: uas-final.xml answering CODE REASON (underscores for spaces) with
#   Reason: Q.850;cause=CAUSE; any other: scenarios/uas-KIND.xml. CODE REASON CAUSE are "-" when not used.
start_callee() {
  local here=$1 work=$2 transport=$3 port=$4 kind=$5 code=$6 reason=$7 cause=$8 scenario
  shift 8
  case $kind in
    builtin) scenario=(-sn uas) ;;
    final)
      # SIPp checks a status line when it loads the scenario, so the code is written into a copy of it.
      sed -e "s/__CODE__/$code/" -e "s/__REASON__/${reason//_/ }/g" -e "s/__CAUSE__/$cause/" \
        "$here/scenarios/uas-final.xml" > "$work/uas-$port.xml"
      scenario=(-sf "$work/uas-$port.xml") ;;
    *) scenario=(-sf "$here/scenarios/uas-$kind.xml") ;;
  esac
  # -mp: SIPp binds an RTP echo port (and +2 for video); keep it in this helper's range, 4 apart per callee.
  timeout 60 sipp "${scenario[@]}" -t "$transport" -i 127.0.0.1 -p "$port" -mp $((15200 + (port - 15000) * 4)) \
    -nostdin -timeout 50s \
    -trace_err -error_file "$work/uas-$port.err" "$@" >"$work/uas-$port.out" 2>&1 &
  CALLEE_PIDS+=($!)
}
