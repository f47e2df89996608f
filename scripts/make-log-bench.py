#!/usr/bin/env python3
"""Writes the text logs that time the log reader on bytes that are not SIP.

Usage: scripts/make-log-bench.py [OUTDIR]   (default target/bench/logs)

Each file holds real SIPp messages (samples/logs/sipp/sipp-uac-udp_messages.log) among lines that are not SIP;
the number of SIPp blocks each holds is printed beside its name and written to OUTDIR/expected.txt.

  blank-lines.log (+ .gz)  three SIPp blocks, then 1 GiB of empty lines
  app-lines.log            three SIPp blocks, then about 110 MB of application log lines
  long-lines.log           a plain text log (no SIPp framing): each message after a line of dashes with its time,
                           then 20 lines of 2-10 KB of base64-like junk; about 110 MB
  sipp-spread.log          the SIPp sample repeated, 200 application lines between consecutive blocks; about 110 MB
  long-lines-bare.log, sipp-spread-bare.log
                           the same messages without the lines between them: what the messages alone cost

Everything is deterministic (a fixed seed), so the files are the same on every machine.
"""
import gzip
import os
import random
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "samples", "logs", "sipp", "sipp-uac-udp_messages.log")
MB = 1_000_000


def sipp_blocks():
    """The sample's blocks, each from its line of dashes to the line before the next one."""
    blocks, current = [], []
    with open(SAMPLE, "rb") as f:
        for line in f:
            if line.startswith(b"-----") and current:
                blocks.append(b"".join(current))
                current = []
            current.append(line)
    if current:
        blocks.append(b"".join(current))
    return blocks


def app_line(rng, n):
    """One line of an application's log that says nothing about SIP."""
    t = "2026-12-02 %02d:%02d:%02d.%03d" % (10 + n // 3_600_000 % 10, n // 60_000 % 60, n // 1000 % 60, n % 1000)
    level = rng.choice(("INFO", "INFO", "INFO", "DEBUG", "WARN"))
    worker = rng.randrange(16)
    what = rng.randrange(5)
    if what == 0:
        text = "cache refreshed in %d ms, %d entries" % (rng.randrange(1, 200), rng.randrange(1, 100000))
    elif what == 1:
        text = "request id=%d handled in %d us, status=%d" % (n, rng.randrange(10, 90000), rng.choice((200, 204, 404)))
    elif what == 2:
        text = "pool stats: active=%d idle=%d waiting=%d" % (rng.randrange(64), rng.randrange(64), rng.randrange(8))
    elif what == 3:
        text = "user %d logged in from 10.%d.%d.%d" % (rng.randrange(10**6), rng.randrange(256), rng.randrange(256),
                                                       rng.randrange(256))
    else:
        text = "flushed %d records to disk (%d bytes)" % (rng.randrange(1000), rng.randrange(10**7))
    return ("%s %s [worker-%d] %s\n" % (t, level, worker, text)).encode()


JUNK = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def junk_line(rng):
    return bytes(rng.choice(JUNK) for _ in range(rng.randrange(2000, 10000))) + b"\n"


def write_blank(out, blocks):
    path = os.path.join(out, "blank-lines.log")
    with open(path, "wb") as f:
        f.write(b"".join(blocks[:3]))
        chunk = b"\n" * (1 << 20)
        for _ in range(1024):
            f.write(chunk)
    with open(path, "rb") as src, gzip.open(path + ".gz", "wb", compresslevel=6) as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    return [("blank-lines.log", 3), ("blank-lines.log.gz", 3)]


def write_app(out, blocks, rng):
    path = os.path.join(out, "app-lines.log")
    with open(path, "wb") as f:
        f.write(b"".join(blocks[:3]))
        size, n, lines = 0, 0, []
        while size < 110 * MB:
            l = app_line(rng, n)
            lines.append(l)
            size += len(l)
            n += 1
            if len(lines) == 10000:
                f.write(b"".join(lines))
                lines = []
        f.write(b"".join(lines))
    return [("app-lines.log", 3)]


def write_long(out, blocks, rng):
    """The SIPp messages without SIPp's event lines, so that the generic reader reads them."""
    # A pool of junk lines, drawn from at random, keeps the generation quick.
    pool = [junk_line(rng) for _ in range(400)]
    messages = [b"".join(l for l in b.splitlines(True) if b" message " not in l) for b in blocks]
    size, count = 0, 0
    with open(os.path.join(out, "long-lines.log"), "wb") as f, \
            open(os.path.join(out, "long-lines-bare.log"), "wb") as bare:
        while size < 110 * MB:
            m = messages[count % len(messages)]
            junk = b"".join(rng.choice(pool) for _ in range(20))
            f.write(m)
            f.write(junk)
            bare.write(m)
            size += len(m) + len(junk)
            count += 1
    return [("long-lines.log", count), ("long-lines-bare.log", count)]


def write_spread(out, blocks, rng):
    size, count, n = 0, 0, 0
    with open(os.path.join(out, "sipp-spread.log"), "wb") as f, \
            open(os.path.join(out, "sipp-spread-bare.log"), "wb") as bare:
        while size < 110 * MB:
            b = blocks[count % len(blocks)]
            lines = []
            for _ in range(200):
                lines.append(app_line(rng, n))
                n += 1
            between = b"".join(lines)
            f.write(b)
            f.write(between)
            bare.write(b)
            size += len(b) + len(between)
            count += 1
    return [("sipp-spread.log", count), ("sipp-spread-bare.log", count)]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "bench", "logs")
    os.makedirs(out, exist_ok=True)
    blocks = sipp_blocks()
    rng = random.Random(9)
    expected = []
    expected += write_blank(out, blocks)
    expected += write_app(out, blocks, rng)
    expected += write_long(out, blocks, rng)
    expected += write_spread(out, blocks, rng)
    with open(os.path.join(out, "expected.txt"), "w") as f:
        for name, messages in expected:
            line = "%s %d bytes, %d SIPp blocks" % (name, os.path.getsize(os.path.join(out, name)), messages)
            print(line)
            f.write(line + "\n")


if __name__ == "__main__":
    main()
