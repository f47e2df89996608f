#!/usr/bin/env python3
# Checks the samples of this folder against their pcaps (run it in the folder, after make-all.sh): every
# message in kamailio-stderr.log, kamailio-syslog*.log (#015/#012 decoded), kamailio-sipdump.data and
# sngrep-export.txt must be byte-identical to a SIP payload in the pcap of its run; prints what is not logged.
# Needs tshark. Not part of any sample.
import re, subprocess, sys, collections
def payloads(pcap):
    out = subprocess.run(['tshark','-r',pcap,'-Y','sip','-T','fields','-e','frame.number','-e','udp.payload','-e','tcp.payload'],capture_output=True,text=True).stdout
    res = []
    for line in out.splitlines():
        parts = line.split('\t')
        hx = parts[1] or parts[2]
        res.append((int(parts[0]), bytes.fromhex(hx.replace(':',''))))
    return res
def check(name, msgs, pcap):
    pl = payloads(pcap)
    pool = collections.Counter(p for _, p in pl)
    ok = 0
    for m in msgs:
        if pool[m] > 0:
            pool[m] -= 1; ok += 1
        else:
            print(name, 'NOT IN PCAP:', m[:80])
    missing = [p for p, c in pool.items() for _ in range(c)]
    print(f'{name}: {len(msgs)} messages, {ok} identical to a pcap payload; pcap messages not in it: {len(missing)}')
    for p in missing: print('   not logged:', p.split(b'\r\n')[0].decode(), '|', [l for l in p.split(b'\r\n') if l.startswith(b'CSeq')][0].decode(), '| Via count', p.count(b'\r\nVia:'))
# stderr
data = open('kamailio-stderr.log','rb').read()
msgs = []
for m in re.finditer(rb'INFO: <script>: [^\n]*?\((\d+) bytes\):\n', data):
    n = int(m.group(1)); body = data[m.end():m.end()+n]; msgs.append(body)
    assert data[m.end()+n:m.end()+n+1] == b'\n', 'no LF after message'
check('stderr', msgs, 'kamailio-stderr.pcap')
for f in ['kamailio-syslog.log','kamailio-syslog-traditional.log']:
    msgs = []
    for line in open(f,'rb').read().split(b'\n'):
        m = re.search(rb'INFO: <script>: [^#]*?\((\d+) bytes\):#012(.*)$', line)
        if not m: continue
        body = m.group(2).replace(b'#015', b'\r').replace(b'#012', b'\n')
        if len(body) != int(m.group(1)): print(f, 'length mismatch', len(body), m.group(1))
        msgs.append(body)
    check(f, msgs, 'kamailio-syslog.pcap')
# sipdump
data = open('kamailio-sipdump.data','rb').read()
msgs = [m.group(1) for m in re.finditer(rb'~{20}\n(.*?)\|{20}\n', data, re.S)]
check('sipdump', msgs, 'kamailio-syslog.pcap')
# sngrep
data = open('sngrep-export.txt','rb').read()
parts = re.split(rb'(?m)^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d\.\d{6} \S+ -> \S+\n', data)[1:]
msgs = [p[:-2] for p in parts]  # each message followed by two LF
check('sngrep', msgs, 'kamailio-syslog.pcap')
