package org.sipanalyzer.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kamailio's sipdump module, text mode ({@code *.data} files): a record opens with a line of {@code =}, then
 * {@code tag: rcv|snd}, {@code time: epoch.micros}, {@code proto: udp ipv4}, {@code srcip:}, {@code srcport:},
 * {@code dstip:}, {@code dstport:}, a line of {@code ~}, the message, and a line of {@code |}.
 */
final class SipdumpFormat extends LogFormat.Blocks {

    private static final Pattern OPEN = Pattern.compile("^={20}$");
    private static final Pattern FIELD = Pattern.compile(
            "^(tag|pid|process|time|date|proto|srcip|srcport|dstip|dstport):"
            + " ?(.*)$");
    private static final Pattern BODY = Pattern.compile("^~{20}$");
    private static final Pattern CLOSE = Pattern.compile("^\\|{20}$");

    @Override
    String name() {
        return "Kamailio sipdump";
    }

    @Override
    int confidence(Head head) {
        return head.any(OPEN) && head.any(BODY) && head.any(Pattern.compile("^srcip: ")) ? 95 : 0;
    }

    @Override
    Layout layout() {
        return new Layout() {
            private String srcIp = "";
            private String srcPort = "";
            private String dstIp = "";

            @Override
            boolean describe(String line, Meta meta, LogTime time) {
                if (OPEN.matcher(line).find() || BODY.matcher(line).find()) {
                    return true;
                }
                Matcher f = FIELD.matcher(line);
                if (!f.find()) {
                    return false;
                }
                String v = f.group(2).strip();
                switch (f.group(1)) {
                    case "time" -> meta.time = LogTime.epochSeconds(v);
                    case "proto" -> meta.transport = Endpoints.transport(v.split(" ")[0]);
                    case "srcip" -> srcIp = v;
                    case "srcport" -> {
                        srcPort = v;
                        meta.source = Endpoints.parse(srcIp, srcPort);
                    }
                    case "dstip" -> dstIp = v;
                    case "dstport" -> meta.destination = Endpoints.parse(dstIp, v);
                    default -> {
                    }
                }
                return true;
            }

            @Override
            String content(String line) {
                return CLOSE.matcher(line).find() || OPEN.matcher(line).find() ? null : line;
            }

            @Override
            boolean requiresDescription() {
                return true;
            }
        };
    }
}
