#!/usr/bin/env bash
# A soak of `sip-analyzer listen` (a benchmark, not a test): a generator sends HEP3 over UDP at a fixed rate of SIP
# messages (whole calls: INVITE, 100, 180, 200, ACK, BYE, 200, each call a new Call-ID) to a listen on 127.0.0.1
# for a while; every 10 s the collector's resident memory is sampled; at the end listen is sent SIGTERM, and what
# it counted is compared with what was sent. Prints a table (seconds, RSS MB) and a summary line. listen runs with the
# launcher's flags for it (320 MB of heap, G1 with pauses of at most about 50 ms); SOAK_JAVA_OPTS adds more.
# Usage: scripts/live-soak.sh [RATE_PER_SECOND] [SECONDS] [JAR]     (default 20000 600)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/proof-lib.sh"
rate=${1:-20000}
seconds=${2:-600}
jar=${3:-$root/analyzer-cli/target/sip-analyzer.jar}
require live-soak "$jar" python3 java
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$work"' EXIT
port=19360

java -Xmx320m -XX:+UseG1GC -XX:MaxGCPauseMillis=50 ${SOAK_JAVA_OPTS:-} -jar "$jar" listen --hep "udp:127.0.0.1:$port" --duration $((seconds + 120)) \
  --interval 0 -f json -o "$work/report.json" 2>"$work/listen.err" &
pid=$!
wait_for_line "$work/listen.err" "listening for HEP" || exit 2

python3 - "$port" "$rate" "$seconds" > "$work/sent.txt" <<'PY' &
import socket, struct, sys, time
port, rate, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
def chunk(t, v): return struct.pack("!HHH", 0, t, 6 + len(v)) + v
def hep(src, dst, sport, dport, payload, now):
    body = (chunk(1, b"\x02") + chunk(2, b"\x11") + chunk(3, socket.inet_aton(src)) + chunk(4, socket.inet_aton(dst))
            + chunk(7, struct.pack("!H", sport)) + chunk(8, struct.pack("!H", dport))
            + chunk(9, struct.pack("!I", int(now))) + chunk(10, struct.pack("!I", int(now * 1e6) % 1000000))
            + chunk(11, b"\x01") + chunk(12, struct.pack("!I", 2001)) + chunk(15, payload))
    return b"HEP3" + struct.pack("!H", 6 + len(body)) + body
A, B = "10.0.0.1", "10.0.0.2"
def call(n):
    cid = f"soak-{n}@10.0.0.1"; tag = f"t{n}"
    h = lambda m, seq, cseq, to_tag="": (f"Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK{n}{seq}\r\nFrom: <sip:a@x>;tag=f{n}\r\n"
        f"To: <sip:b@y>{';tag=' + to_tag if to_tag else ''}\r\nCall-ID: {cid}\r\nCSeq: {cseq} {m}\r\nContent-Length: 0\r\n\r\n")
    return [(A, B, f"INVITE sip:b@y SIP/2.0\r\n" + h("INVITE", 1, 1)), (B, A, "SIP/2.0 100 Trying\r\n" + h("INVITE", 1, 1)),
            (B, A, "SIP/2.0 180 Ringing\r\n" + h("INVITE", 1, 1, tag)), (B, A, "SIP/2.0 200 OK\r\n" + h("INVITE", 1, 1, tag)),
            (A, B, f"ACK sip:b@y SIP/2.0\r\n" + h("ACK", 2, 1, tag)), (A, B, f"BYE sip:b@y SIP/2.0\r\n" + h("BYE", 3, 2, tag)),
            (B, A, "SIP/2.0 200 OK\r\n" + h("BYE", 3, 2, tag))]
start = time.time(); sent = 0; n = 0
while True:
    now = time.time()
    if now - start >= seconds: break
    due = int((now - start) * rate)
    while sent < due:
        for src, dst, msg in call(n):
            s.sendto(hep(src, dst, 5060, 5060, msg.encode(), time.time()), ("127.0.0.1", port)); sent += 1
        n += 1
    time.sleep(0.005)
print(sent, n)
PY
gen=$!
echo "seconds rss_mb"
t=0
while kill -0 "$gen" 2>/dev/null; do
  sleep 10; t=$((t + 10))
  echo "$t $(( $(ps -o rss= -p "$pid") / 1024 ))"
done
wait "$gen"
read -r sent calls < "$work/sent.txt"
sleep 2
stop_and_wait "$pid" || { cat "$work/listen.err" >&2; exit 2; }
pid=
python3 - "$work/report.json" "$sent" "$calls" "$seconds" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); sent, calls, seconds = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
got = d["messages"]["total"]
print(f"sent {sent} messages ({sent / seconds:.0f}/s, {calls} calls) in {seconds} s; listen counted {got} messages"
      f" ({100 * got / sent:.2f}%) and {d['calls']['total']} calls")
PY
grep -h "dropped" "$work/listen.err" || true
