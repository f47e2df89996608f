package org.sipanalyzer.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipanalyzer.net.Endpoint;

/**
 * PJSIP's log (pjsua and every application built on PJSIP): {@code 01:07:41.673  pjsua_core.c  ...TX 647 bytes
 * Request msg REGISTER/cseq=43735 (tdta0x...) to UDP 203.142.93.131:5060:} (RX ... from ...), the message, and
 * {@code --end msg--}. Times are times of day (the date is printed only when the log starts, if at all). The
 * local address comes from the transport's {@code published address is 172.31.7.94:48307} line when the log has it.
 */
final class PjsipFormat extends LogFormat.Blocks {

    private static final Pattern PACKET = Pattern.compile("\\b(TX|RX) \\d{1,9} bytes (?:Request|Response) msg \\S+"
            + " \\([^)]*\\) (?:to|from) (UDP|TCP|TLS|WSS?|SCTP|\\w{1,16}) " + Endpoints.HOST.replace("|\\[", "|\\[?")
            + ":(\\d{1,5}):?");
    private static final Pattern LOCAL = Pattern.compile("published address is " + Endpoints.HOST + ":(\\d{1,5})");
    private static final Pattern TIME = Pattern.compile("^\\s*(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{1,6})\\b");

    @Override
    String name() {
        return "PJSIP log";
    }

    @Override
    int confidence(Head head) {
        return head.any(PACKET) || head.any(LOCAL) && head.any(Pattern.compile("--end msg--")) ? 90 : 0;
    }

    @Override
    Layout layout() {
        return new Layout() {
            private Endpoint local = Endpoints.UNKNOWN;

            @Override
            boolean describe(String line, Meta meta, LogTime time) {
                Matcher l = LOCAL.matcher(line);
                if (l.find()) {
                    local = Endpoints.parse(l.group(1), l.group(2));
                    return false;
                }
                Matcher m = PACKET.matcher(line);
                if (!m.find()) {
                    return false;
                }
                meta.direction(m.group(1).equals("RX"), local, Endpoints.parse(m.group(3), m.group(4)));
                meta.transport = Endpoints.transport(m.group(2));
                Matcher t = TIME.matcher(line);
                meta.time = t.find() ? time.timeOfDay(Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2)),
                        Integer.parseInt(t.group(3)), t.group(4)) : time.findDated(line);
                return true;
            }

            @Override
            String content(String line) {
                return line.startsWith("--end msg--") ? null : line;
            }

            @Override
            boolean requiresDescription() {
                return true;
            }
        };
    }
}
