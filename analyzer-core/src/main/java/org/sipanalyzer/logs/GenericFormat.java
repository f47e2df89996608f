package org.sipanalyzer.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any text with whole SIP messages in it, when no known format fits: a start line begins a message; a line outside
 * a message gives the next message's time (any date and time, or a time of day with a fraction) and endpoints
 * ({@code 10.0.0.1:5060 -> 10.0.0.2:5070}, an arrow pointing back, {@code from 10.0.0.1:5060}, {@code to ...}).
 * Lines of dashes or equals signs separate messages.
 */
final class GenericFormat extends LogFormat.Blocks {

    private static final Pattern ARROW = Pattern.compile(
            Endpoints.HOST + ":(\\d{1,5})\\s*(-->|->|=>|<--|<-|<=)\\s*" + Endpoints.HOST + ":(\\d{1,5})");
    private static final Pattern FROM = Pattern.compile(
            "(?i)\\b(?:from|src|source)[ =:]+\"?(?:(udp|tcp|tls|sctp|wss?)[:/]+)?" + Endpoints.HOST + ":(\\d{1,5})");
    private static final Pattern TO = Pattern.compile(
            "(?i)\\b(?:to|on|dst|destination)[ =:]+\"?(?:(udp|tcp|tls|sctp|wss?)[:/]+)?" + Endpoints.HOST
                    + ":(\\d{1,5})");
    private static final Pattern TRANSPORT = Pattern.compile("(?i)\\b(UDP|TCP|TLS|SCTP|WSS?)\\b");

    @Override
    String name() {
        return "text log";
    }

    @Override
    int confidence(Head head) {
        return head.startLines(LAYOUT) > 0 ? 10 : 0;
    }

    @Override
    Layout layout() {
        return LAYOUT;
    }

    /**
     * A colon and a digit: every time {@link LogTime} reads has one ({@code 10:00}), and so has every endpoint
     * ({@code 10.0.0.1:5060}); a line without one describes nothing.
     */
    private static final Cues CUES = Cues.of(":0", ":1", ":2", ":3", ":4", ":5", ":6", ":7", ":8", ":9");

    static final Layout LAYOUT = new Layout() {
        @Override
        boolean describe(String line, Meta meta, LogTime time) {
            return describeGenerically(line, meta, time);
        }

        @Override
        Cues cues() {
            return CUES;
        }

        @Override
        String content(String line) {
            String s = line.strip();
            if (s.startsWith("-----") || s.startsWith("=====")) {
                return null;
            }
            return line;
        }
    };

    /** Time and endpoints from a line in any of the common layouts; true when it gave either. */
    static boolean describeGenerically(String line, Meta meta, LogTime time) {
        if (line.isBlank() || StartLines.is(line)) {
            return false;
        }
        boolean found = false;
        Matcher m = ARROW.matcher(line);
        if (m.find()) {
            var a = Endpoints.parse(m.group(1), m.group(2));
            var b = Endpoints.parse(m.group(4), m.group(5));
            boolean back = m.group(3).startsWith("<");
            meta.source = back ? b : a;
            meta.destination = back ? a : b;
            found = true;
        } else {
            Matcher f = FROM.matcher(line);
            if (f.find()) {
                meta.source = Endpoints.parse(f.group(2), f.group(3));
                meta.transport = Endpoints.transport(f.group(1));
                found = true;
            }
            Matcher t = TO.matcher(line);
            if (t.find()) {
                meta.destination = Endpoints.parse(t.group(2), t.group(3));
                if (meta.transport == null) {
                    meta.transport = Endpoints.transport(t.group(1));
                }
                found = true;
            }
        }
        if (found && meta.transport == null) {
            Matcher tr = TRANSPORT.matcher(line);
            if (tr.find()) {
                meta.transport = Endpoints.transport(tr.group(1));
            }
        }
        if (time != null) {
            LogTime.Stamp s = time.find(line);
            if (s != null) {
                meta.time = s;
                found = true;
            }
        }
        return found;
    }
}
