#!/usr/bin/env python3
"""Independent truth from a pcap, through tshark only (never sip-analyzer).

Usage: pcap-truth.py PCAP [CALLER_PORT]
Prints, one fact a line: requests, responses, retransmissions (two counts: tshark's own sip.resend flag and a
plain "same direction + Call-ID + CSeq + first line seen before" rule; they must agree), messages, and per
Call-ID the outcome as the caller saw it (the caller is the side that sent the first INVITE), plus challenged.
Outcome rule (HELPERS.md): the final response to the last INVITE of the call; CANCEL + 487 = cancelled;
no final response = timeout; a 407/401 followed by a new INVITE = challenged.
"""
import collections
import json
import subprocess
import sys


def sip_pdus(pcap):
    out = subprocess.run(["tshark", "-r", pcap, "-Y", "sip", "-T", "json"], check=True,
                         capture_output=True, text=True).stdout
    for pkt in json.loads(out):
        layers = pkt["_source"]["layers"]
        frame = layers["frame"]
        l4 = layers.get("udp") or layers.get("tcp")
        proto = "UDP" if "udp" in layers else "TCP"
        sport = l4.get("udp.srcport") or l4.get("tcp.srcport")
        dport = l4.get("udp.dstport") or l4.get("tcp.dstport")
        sips = layers["sip"] if isinstance(layers["sip"], list) else [layers["sip"]]
        for s in sips:
            hdr = s.get("sip.msg_hdr_tree", {})
            if "sip.Request-Line" in s:
                first = s["sip.Request-Line"]
                tree = s.get("sip.Request-Line_tree", {})
                kind, value = "req", first.split(" ", 1)[0]
            else:
                first = s["sip.Status-Line"]
                tree = s.get("sip.Status-Line_tree", {})
                kind, value = "resp", first.split(" ", 2)[1]
            yield {
                "frame": int(frame["frame.number"]), "time": frame["frame.time_epoch"], "proto": proto,
                "src": sport, "dst": dport, "kind": kind, "value": value, "first": first,
                "callid": hdr.get("sip.Call-ID"), "cseq": hdr.get("sip.CSeq"),
                "resend": tree.get("sip.resend") == "1",
            }


def main():
    pcap = sys.argv[1]
    pdus = list(sip_pdus(pcap))
    req = collections.Counter(p["value"] for p in pdus if p["kind"] == "req")
    resp = collections.Counter(p["value"] for p in pdus if p["kind"] == "resp")
    seen, own_retrans = set(), 0
    for p in pdus:
        key = (p["src"], p["dst"], p["callid"], p["cseq"], p["first"])
        if key in seen:
            own_retrans += 1
        seen.add(key)
    tshark_retrans = sum(p["resend"] for p in pdus)

    order = ["INVITE", "ACK", "BYE", "CANCEL"]
    print("requests: " + " ".join(f"{m}={req[m]}" for m in sorted(req, key=lambda m: (order.index(m) if m in order else 9, m))))
    print("responses: " + " ".join(f"{c}={resp[c]}" for c in sorted(resp, key=int)))
    print(f"retransmissions: {own_retrans} (tshark sip.resend: {tshark_retrans})")
    print(f"messages: {len(pdus)}")

    calls = collections.OrderedDict()
    for p in pdus:
        calls.setdefault(p["callid"], []).append(p)
    outcomes, challenged, detail = collections.Counter(), 0, []
    for cid, ms in calls.items():
        caller = next(m["src"] for m in ms if m["kind"] == "req" and m["value"] == "INVITE")
        invites = [m for m in ms if m["kind"] == "req" and m["value"] == "INVITE" and m["src"] == caller]
        last_cseq = invites[-1]["cseq"]
        finals = [m for m in ms if m["kind"] == "resp" and m["dst"] == caller and m["cseq"] == last_cseq
                  and int(m["value"]) >= 200]
        cancel = any(m["kind"] == "req" and m["value"] == "CANCEL" for m in ms)
        if len({m["cseq"] for m in invites}) > 1 and any(
                m["kind"] == "resp" and m["value"] in ("401", "407") for m in ms):
            challenged += 1
        code = int(finals[0]["value"]) if finals else None
        if code is None or code == 408:
            outcome = "timeout"
        elif 200 <= code < 300:
            outcome = "answered"
        elif code == 487 and cancel:
            outcome = "cancelled"
        elif code in (486, 600):
            outcome = "busy"
        elif code in (603, 607, 608):
            outcome = "declined"
        elif code == 403:
            outcome = "forbidden"
        elif code in (404, 604):
            outcome = "notFound"
        elif code in (480, 503):
            outcome = "unavailable"
        elif 300 <= code < 400:
            outcome = "redirected"
        else:
            outcome = "failed"
        outcomes[outcome] += 1
        detail.append(f"{cid} {outcome} final={code} invites={len(invites)} cancel={cancel}")
    korder = ["answered", "busy", "declined", "forbidden", "notFound", "unavailable", "cancelled",
              "redirected", "timeout", "failed"]
    print("calls: " + " ".join(f"{k}={outcomes[k]}" for k in korder if outcomes[k]))
    print(f"challenged: {challenged}")
    for d in detail:
        print("# call " + d)


if __name__ == "__main__":
    main()
