#!/usr/bin/env python3
"""Cross-check a SIPp -trace_msg or -trace_shortmsg log against the pcap recorded at the same time.

Usage: log-check.py LOG PCAP
Reads the log with a few plain rules (below), reads the pcap with tshark (pcap-truth.py), and checks that the
log's sent/received messages are exactly the messages on the wire (as a multiset of Call-ID, CSeq, first
line), reporting extra blocks (e.g. "Unexpected ... message received") and the largest gap between the log's
time and the capture's time for the same message. Exit status 1 when they differ. Not sip-analyzer.

-trace_msg rules: a block starts at a line of 47 '-' (followed by " YYYY-MM-DD HH:MM:SS.ffffff" for a
message sent/received, nothing for other blocks); the next line says what it is; then an empty line; then the
SIP message with CRLF line ends.
-trace_shortmsg rules: one line a message, 7 tab-separated fields: date, time, epoch.usec, S|R, Call-ID,
"CSeq:" + CSeq value, first line.
"""
import collections
import datetime
import importlib.util
import os
import re
import sys

spec = importlib.util.spec_from_file_location(
    "pcap_truth", os.path.join(os.path.dirname(os.path.abspath(__file__)), "pcap-truth.py"))
pcap_truth = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pcap_truth)

SEP = "-" * 47


def header_value(lines, name):
    for line in lines:
        if line.lower().startswith(name.lower() + ":"):
            return line.split(":", 1)[1].strip()
    return None


def read_trace_msg(path):
    text = open(path, "rb").read().decode("latin-1")
    lines = text.split("\n")
    starts = [i for i, l in enumerate(lines) if l == SEP or l.startswith(SEP + " ")]
    messages, others = [], []
    for n, i in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        stamp = lines[i][len(SEP):].strip()
        what = lines[i + 1]
        body = [l.rstrip("\r") for l in lines[i + 3:end]]
        first = body[0] if body else ""
        m = re.match(r"(UDP|TCP|TLS|SCTP) message (sent|received)", what)
        item = {"what": what, "first": first, "callid": header_value(body, "Call-ID"),
                "cseq": header_value(body, "CSeq"), "stamp": stamp}
        if m and stamp:
            t = datetime.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f")
            item["time"] = t.replace(tzinfo=datetime.timezone.utc).timestamp()  # made with TZ=UTC
            messages.append(item)
        else:
            others.append(item)
    return messages, others


def read_shortmsg(path):
    messages = []
    for line in open(path, "rb").read().decode("latin-1").split("\n"):
        if not line:
            continue
        f = line.split("\t")
        assert len(f) == 7, f"not 7 fields: {line!r}"
        messages.append({"what": f[3], "first": f[6], "callid": f[4], "cseq": f[5][len("CSeq:"):].strip(),
                         "time": float(f[2])})
    return messages, []


def main():
    log, pcap = sys.argv[1], sys.argv[2]
    messages, others = (read_shortmsg(log) if "shortmessages" in os.path.basename(log)
                        else read_trace_msg(log))
    wire = list(pcap_truth.sip_pdus(pcap))
    key = lambda m: (m["callid"], " ".join(m["cseq"].split()), m["first"])
    log_keys = collections.Counter(key(m) for m in messages)
    wire_keys = collections.Counter(key(w) for w in wire)
    ok = log_keys == wire_keys
    print(f"{os.path.basename(log)}: {len(messages)} messages sent/received in the log, "
          f"{len(wire)} SIP messages in {os.path.basename(pcap)}: {'same' if ok else 'DIFFERENT'}")
    if not ok:
        print("  only in log:", dict(log_keys - wire_keys))
        print("  only on wire:", dict(wire_keys - log_keys))
    # time gap, pairing the n-th occurrence of a key in the log with the n-th on the wire
    queues = collections.defaultdict(list)
    for w in wire:
        queues[key(w)].append(float(w["time"]))
    gap = 0.0
    for m in messages:
        q = queues.get(key(m))
        if q:
            gap = max(gap, abs(m["time"] - q.pop(0)))
    print(f"  largest |log time - capture time|: {gap * 1000:.3f} ms")
    for o in others:
        print(f"  extra block: {o['what']!r} repeating {o['first']!r} Call-ID {o['callid']} CSeq {o['cseq']}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
