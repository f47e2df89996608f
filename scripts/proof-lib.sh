# Shared by the scripts that prove a live command against tcpdump (listen-beside-tcpdump.sh,
# live-beside-tcpdump.sh). Sourced, not run.

# require NAME JAR COMMAND...: the jar and every command must be there; otherwise says which is missing and exits 2
# (the proof cannot run here).
require() {
  local name=$1 jar=$2
  shift 2
  [ -f "$jar" ] || { echo "$name: no $jar; run mvn -B package first" >&2; exit 2; }
  for c in "$@"; do
    command -v "$c" >/dev/null || { echo "$name: $c is not installed" >&2; exit 2; }
  done
}

# wait_for_line FILE TEXT: waits up to 10 s for TEXT in FILE; fails, printing FILE, when it does not come.
wait_for_line() {
  local file=$1 text=$2
  for _ in $(seq 100); do grep -q "$text" "$file" 2>/dev/null && return 0; sleep 0.1; done
  cat "$file" >&2
  return 1
}

# stop_and_wait PID: SIGTERM, then up to 20 s for it to write its report and end; fails when it failed.
stop_and_wait() {
  local pid=$1
  kill -TERM "$pid"
  for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  wait "$pid"
}

# compare_reports NAME LIVE.json CAPTURE.json: one line per figure ("SIP messages: NAME 296, capture 296"); exits 0
# when every figure agrees and there were messages, else 1.
compare_reports() {
  python3 - "$@" <<'PY'
import json, sys
name, live, cap = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
def figures(d):
    m, c = d["messages"], d["calls"]
    return {"SIP messages": m["total"], "requests": m["requests"], "responses": m["responses"],
            "retransmissions": m["retransmissions"], "calls": c["total"], "answered": c["answered"],
            "outcomes": json.dumps(c["byOutcome"], sort_keys=True)}
a, b = figures(live), figures(cap)
ok = True
for k in a:
    same = a[k] == b[k]
    ok &= same
    print(f"{k}: {name} {a[k]}, capture {b[k]}{'' if same else '  <- differ'}")
sys.exit(0 if ok and a["SIP messages"] > 0 else 1)
PY
}
