package org.sipanalyzer.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIP traces of Blink and other python-sipsimple applications ({@code sip_trace.txt}): a line
 * {@code 2020-02-17 20:18:15.537271 [blink 5985]: SENDING: Packet 169, +0:00:41.495327} (or RECEIVED), then
 * {@code 192.168.8.104:54907 -(SIP over TLS)-> 81.23.228.150:443}, the message, and {@code --}.
 */
final class BlinkFormat extends LogFormat.Blocks {

    private static final Pattern PACKET = Pattern.compile("\\b(SENDING|RECEIVED): Packet \\d+, [+-]\\d+:\\d{2}:\\d{2}");
    private static final Pattern ROUTE = Pattern.compile("^\\s*" + Endpoints.HOST + ":(\\d{1,5}) -\\(SIP over"
            + " (UDP|TCP|TLS|WSS?|SCTP)\\)-> " + Endpoints.HOST + ":(\\d{1,5})\\s*$");

    @Override
    String name() {
        return "Blink (sipsimple) SIP trace";
    }

    @Override
    int confidence(Head head) {
        return head.any(PACKET) && head.any(ROUTE) ? 90 : 0;
    }

    @Override
    Layout layout() {
        return new Layout() {
            @Override
            boolean describe(String line, Meta meta, LogTime time) {
                if (PACKET.matcher(line).find()) {
                    meta.time = time.findDated(line);
                    return true;
                }
                Matcher m = ROUTE.matcher(line);
                if (m.find()) {
                    meta.source = Endpoints.parse(m.group(1), m.group(2));
                    meta.destination = Endpoints.parse(m.group(4), m.group(5));
                    meta.transport = Endpoints.transport(m.group(3));
                    return true;
                }
                return false;
            }

            @Override
            String content(String line) {
                return line.equals("--") ? null : line;
            }

            @Override
            boolean requiresDescription() {
                return true;
            }
        };
    }
}
