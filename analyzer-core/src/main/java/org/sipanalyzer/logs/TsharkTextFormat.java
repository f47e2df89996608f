package org.sipanalyzer.logs;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipanalyzer.net.Transport;

/**
 * tshark's (and Wireshark's "Export Packet Dissections as plain text") packet details: {@code tshark -V}, or
 * {@code tshark -O sip} where other layers are one summary line each. A packet opens with {@code Frame 1: ...};
 * {@code Epoch Time:} gives its time (only with {@code -V}); the IP and UDP/TCP summary lines its endpoints; each
 * {@code Session Initiation Protocol} tree gives a message: its {@code Request-Line:} or {@code Status-Line:}, and
 * under {@code Message Header} the header lines (the deeper lines are tshark's dissection of them). tshark prints
 * bodies dissected, not as sent, so bodies are left out.
 */
final class TsharkTextFormat extends LogFormat {

    private static final Pattern FRAME = Pattern.compile("^Frame \\d+: \\d+ bytes on wire");
    private static final Pattern EPOCH = Pattern.compile("^\\s+Epoch Time: (\\d{1,11}(?:\\.\\d{1,9})?) seconds");
    private static final Pattern IP = Pattern.compile("^Internet Protocol Version [46], Src: ([0-9A-Fa-f:.]{2,45}),"
            + " Dst: ([0-9A-Fa-f:.]{2,45})\\s*$");
    private static final Pattern PORTS = Pattern.compile("^(User Datagram Protocol|Transmission Control Protocol|Stream"
            + " Control Transmission Protocol), Src Port: (\\d{1,5}), Dst Port: (\\d{1,5})");
    private static final Pattern SIP = Pattern.compile("^Session Initiation Protocol \\(");
    private static final Pattern START = Pattern.compile("^    (?:Request|Status)-Line: (.*)$");
    private static final Pattern HEADER = Pattern.compile("^ {8}([^ \\[].*)$");

    @Override
    String name() {
        return "tshark packet details";
    }

    @Override
    int confidence(Head head) {
        return head.any(FRAME) && head.any(SIP) && head.any(START) ? 95 : 0;
    }

    @Override
    LogParser parser(LineSource lines, LogContext ctx) {
        return new LogParser() {
            private LogTime.Stamp time;
            private String srcHost;
            private String dstHost;
            private String srcPort;
            private String dstPort;
            private Transport transport;

            @Override
            public LogEntry next() throws IOException {
                String line;
                while ((line = lines.next()) != null) {
                    if (FRAME.matcher(line).find()) {
                        time = null;
                        srcHost = dstHost = srcPort = dstPort = null;
                        transport = null;
                        continue;
                    }
                    Matcher m = EPOCH.matcher(line);
                    if (m.find()) {
                        time = LogTime.epochSeconds(m.group(1));
                        continue;
                    }
                    m = IP.matcher(line);
                    if (m.find()) {
                        srcHost = m.group(1);
                        dstHost = m.group(2);
                        continue;
                    }
                    m = PORTS.matcher(line);
                    if (m.find()) {
                        srcPort = m.group(2);
                        dstPort = m.group(3);
                        transport = m.group(1).startsWith("User") ? Transport.UDP
                                : m.group(1).startsWith("Stream") ? Transport.SCTP : Transport.TCP;
                        continue;
                    }
                    if (SIP.matcher(line).find()) {
                        LogEntry e = message(lines.lineNo());
                        if (e != null) {
                            return e;
                        }
                    }
                }
                ctx.endOfLog(lines);
                return null;
            }

            /** One SIP tree: its start line and the header lines under Message Header. */
            private LogEntry message(long at) throws IOException {
                BlockParser.Bounded msg = new BlockParser.Bounded();
                boolean started = false;
                boolean inHeaders = false;
                boolean identifying = false;
                String line;
                while ((line = lines.next()) != null) {
                    if (!line.startsWith(" ")) {
                        lines.pushBack(line); // the next layer or frame
                        break;
                    }
                    Matcher s = START.matcher(line);
                    if (!started && s.find()) {
                        msg.line(s.group(1).stripTrailing());
                        started = true;
                        continue;
                    }
                    if (line.equals("    Message Header")) {
                        inHeaders = true;
                        continue;
                    }
                    if (line.startsWith("    ") && !line.startsWith("     ")) {
                        inHeaders = false; // Message Body, or another field of the tree
                        continue;
                    }
                    Matcher h = HEADER.matcher(line);
                    if (inHeaders && h.find()) {
                        String header = h.group(1);
                        String name = BlockParser.headerName(header);
                        if (name == null || name.equals("content-length") || name.equals("l")) {
                            continue; // the body is not in the text, so its length would only say it is missing
                        }
                        identifying |= name.equals("call-id") || name.equals("cseq") || name.equals("via")
                                || name.equals("i") || name.equals("v");
                        msg.line(header);
                    }
                }
                if (!started || !identifying) {
                    return null;
                }
                msg.crlf();
                if (msg.over) {
                    ctx.oversize(at);
                    return null;
                }
                Meta meta = new Meta();
                meta.time = time;
                if (srcHost != null && srcPort != null) {
                    meta.source = Endpoints.parse(srcHost, srcPort);
                    meta.destination = Endpoints.parse(dstHost, dstPort);
                }
                meta.transport = transport;
                return ctx.entry(at, meta, msg.toByteArray());
            }
        };
    }

}
