# Shared by the make-*.sh scripts in this folder. Source it after `set -euo pipefail`.
# Every run happens inside a private network namespace (unshare -n) that holds only the loopback interface,
# so no program can send anything anywhere but 127.0.0.1. Needs root (unshare, tcpdump).

EP_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EP_PIDS=()

# ep_netns "$0" "$@": re-executes the calling script inside a new network namespace (once).
ep_netns() {
  if [ -z "${EP_IN_NETNS:-}" ]; then
    command -v unshare >/dev/null || { echo "unshare (util-linux) is needed" >&2; exit 2; }
    EP_IN_NETNS=1 exec timeout 600 unshare -n bash "$@"
  fi
  ip link set lo up
}

# ep_require TOOL...: exits 2 when a tool is missing.
ep_require() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is needed (see README.md for the Debian packages)" >&2; exit 2; }
  done
}

# ep_cleanup: stops every process this script started (by PID). For `trap ep_cleanup EXIT`.
ep_cleanup() {
  local pid
  for pid in "${EP_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  sleep 0.5
  for pid in "${EP_PIDS[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
  done
  [ -n "${EP_WORK:-}" ] && rm -rf "$EP_WORK"
  return 0
}

# ep_pcap FILE FILTER: starts tcpdump on lo writing FILE and waits until it listens.
ep_pcap() {
  local file=$1 filter=$2 err
  err=$(mktemp)
  timeout 300 tcpdump -Z root -i lo -U -s 0 -w "$file" "$filter" 2>"$err" &
  EP_PIDS+=($!)
  EP_TCPDUMP=$!
  for _ in $(seq 50); do grep -q 'listening on' "$err" && break; sleep 0.1; done
  rm -f "$err"
}

# ep_pcap_stop: stops tcpdump cleanly so the pcap is complete.
ep_pcap_stop() {
  sleep 0.5
  kill -INT "$EP_TCPDUMP" 2>/dev/null || true
  wait "$EP_TCPDUMP" 2>/dev/null || true
}

# ep_callee PORT KIND [CODE REASON CAUSE]: starts one SIPp callee on 127.0.0.1:PORT in the background.
#   builtin: SIPp's own uas (180, 200, waits for ACK and BYE); final: sipp/uas-final.xml with CODE REASON
#   (underscores for spaces) and Q.850 CAUSE; options: sipp/uas-options.xml answering CODE REASON;
#   any other KIND: sipp/uas-KIND.xml. Transport: $EP_TRANSPORT (SIPp -t, default u1).
ep_callee() {
  local port=$1 kind=$2 scenario
  case $kind in
    builtin) scenario=(-sn uas) ;;
    final)
      sed -e "s/__CODE__/$3/" -e "s/__REASON__/${4//_/ }/g" -e "s/__CAUSE__/$5/" "$EP_HERE/sipp/uas-final.xml" \
        > "$EP_WORK/uas-$port.xml"
      scenario=(-sf "$EP_WORK/uas-$port.xml") ;;
    options)
      sed -e "s/__CODE__/$3/" -e "s/__REASON__/${4//_/ }/g" "$EP_HERE/sipp/uas-options.xml" > "$EP_WORK/uas-$port.xml"
      scenario=(-sf "$EP_WORK/uas-$port.xml") ;;
    *) scenario=(-sf "$EP_HERE/sipp/uas-$kind.xml") ;;
  esac
  timeout 200 sipp "${scenario[@]}" -t "${EP_TRANSPORT:-u1}" -i 127.0.0.1 -p "$port" -mp $((17400 + (port % 100) * 4)) -m 1 -nostdin \
    -timeout 190s -trace_err -error_file "$EP_WORK/uas-$port.err" >/dev/null 2>&1 &
  EP_PIDS+=($!)
}
