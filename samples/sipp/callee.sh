# Sourced by the sample scripts: starts one SIPp callee in the background on 127.0.0.1.
# start_callee HERE WORK TRANSPORT PORT KIND [CODE REASON CAUSE]
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
