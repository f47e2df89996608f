package org.sipanalyzer.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipanalyzer.net.Endpoint;

/**
 * tshark's {@code -z follow,udp|tcp,ascii,N} and Wireshark's "Follow UDP/TCP Stream" saved as text: a header
 * ({@code Follow: udp,ascii}, {@code Node 0: 127.0.0.1:16090}, {@code Node 1: ...}), then each piece of payload after
 * a line with its length, unindented when node 0 sent it and indented by a tab when node 1 did. No times. A message
 * that TCP split across segments is read up to the segment's end.
 */
final class FollowStreamFormat extends LogFormat.Blocks {

    private static final Pattern FOLLOW = Pattern.compile("^Follow: (udp|tcp|sctp|tls|http2?|quic)\\b");
    private static final Pattern NODE = Pattern.compile("^Node ([01]): \\[?([0-9A-Fa-f:.]{2,45}?)\\]?:(\\d{1,5})\\s*$");
    private static final Pattern PIECE = Pattern.compile("^(\\t?)(\\d{1,9})$");
    private static final Pattern RULE = Pattern.compile("^={20,}$");

    @Override
    String name() {
        return "tshark follow stream";
    }

    @Override
    int confidence(Head head) {
        return head.any(FOLLOW) && head.any(NODE) ? 95 : 0;
    }

    @Override
    Layout layout() {
        return new Layout() {
            private final Endpoint[] nodes = {Endpoints.UNKNOWN, Endpoints.UNKNOWN};
            private String transport;

            @Override
            boolean describe(String line, Meta meta, LogTime time) {
                Matcher f = FOLLOW.matcher(line);
                if (f.find()) {
                    transport = f.group(1);
                    nodes[0] = Endpoints.UNKNOWN;
                    nodes[1] = Endpoints.UNKNOWN;
                    return true;
                }
                Matcher n = NODE.matcher(line);
                if (n.find()) {
                    nodes[Integer.parseInt(n.group(1))] = Endpoints.parse(n.group(2), n.group(3));
                    return true;
                }
                Matcher p = PIECE.matcher(line);
                if (p.find()) {
                    int from = p.group(1).isEmpty() ? 0 : 1;
                    meta.source = nodes[from];
                    meta.destination = nodes[1 - from];
                    meta.transport = Endpoints.transport(transport);
                    return true;
                }
                return RULE.matcher(line).find() || line.startsWith("Filter: ");
            }

            @Override
            String content(String line) {
                return PIECE.matcher(line).find() || RULE.matcher(line).find() ? null : line;
            }

            @Override
            boolean requiresDescription() {
                return true;
            }
        };
    }
}
