package org.sipanalyzer.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ngrep's output. Each packet opens with {@code U 2026/12/02 07:52:19.960635 127.0.0.1:16090 -> 127.0.0.1:16060 #1}
 * ({@code T} for TCP, with its flags; no time without {@code -t}). With {@code -W byline} the payload follows line by
 * line, every CR shown as a trailing {@code .}; by default it follows as two-space-indented lines cut at a fixed
 * width, every non-printable byte (CR and LF too) shown as {@code .}, so a line end reads {@code ..}. Since each
 * byte stays one character, a message's length is kept, and a run of dots is read back as line ends (two dots a
 * CRLF, an odd one a dot).
 */
final class NgrepFormat extends LogFormat {

    private static final Pattern PACKET = Pattern.compile(
            "^([UTI]) (?:(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{1,9}) )?"
            + Endpoints.HOST + ":(\\d{1,5}) -> " + Endpoints.HOST + ":(\\d{1,5})(?: \\[[A-Z]*\\])?(?: #\\d+)?\\s*$");
    private static final Pattern INDENTED = Pattern.compile("^  \\S");

    private final boolean byline;

    private NgrepFormat(boolean byline) {
        this.byline = byline;
    }

    static NgrepFormat byline() {
        return new NgrepFormat(true);
    }

    static NgrepFormat wrapped() {
        return new NgrepFormat(false);
    }

    @Override
    String name() {
        return byline ? "ngrep -W byline" : "ngrep";
    }

    @Override
    int confidence(Head head) {
        if (!head.any(PACKET)) {
            return 0;
        }
        int indented = head.count(INDENTED);
        int starts = head.startLines(BYLINE);
        if (byline) {
            return starts > 0 && starts >= indented ? 95 : 0;
        }
        return indented > starts ? 95 : 0;
    }

    private static boolean describe(String line, Meta meta, LogTime time) {
        Matcher m = PACKET.matcher(line);
        if (!m.find()) {
            return false;
        }
        meta.transport = Endpoints.transport(m.group(1).equals("U") ? "udp" : m.group(1).equals("T") ? "tcp" : null);
        meta.time = m.group(2) == null ? null : time.findDated(m.group(2));
        meta.source = Endpoints.parse(m.group(3), m.group(4));
        meta.destination = Endpoints.parse(m.group(5), m.group(6));
        return true;
    }

    private static final Layout BYLINE = new Layout() {
        @Override
        boolean describe(String line, Meta meta, LogTime time) {
            return NgrepFormat.describe(line, meta, time);
        }

        @Override
        String content(String line) {
            if (PACKET.matcher(line).find()) {
                return null;
            }
            return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
        }

        @Override
        boolean requiresDescription() {
            return true;
        }
    };

    @Override
    LogParser parser(LineSource lines, LogContext ctx) {
        if (byline) {
            return new BlockParser(lines, BYLINE, ctx);
        }
        return new LogParser() {
            @Override
            public LogEntry next() throws IOException {
                String line;
                while ((line = lines.next()) != null) {
                    Meta meta = new Meta();
                    if (!describe(line, meta, ctx.time)) {
                        continue;
                    }
                    long at = lines.lineNo();
                    StringBuilder payload = new StringBuilder();
                    boolean over = false;
                    while ((line = lines.next()) != null) {
                        if (!INDENTED.matcher(line).find() && !line.startsWith("   ")) {
                            lines.pushBack(line);
                            break;
                        }
                        if (payload.length() + line.length() > LogReader.MAX_MESSAGE) {
                            over = true;
                            continue;
                        }
                        payload.append(line, 2, line.length());
                    }
                    if (over) {
                        ctx.oversize(at);
                        continue;
                    }
                    String text = lineEnds(payload);
                    if (!StartLines.is(firstLine(text))) {
                        continue; // a packet that holds no SIP start (a TCP segment in the middle, say)
                    }
                    return ctx.entry(at, meta, text.getBytes(StandardCharsets.ISO_8859_1));
                }
                ctx.endOfLog(lines);
                return null;
            }
        };
    }

    private static String firstLine(String text) {
        int i = text.indexOf("\r\n");
        return i < 0 ? text : text.substring(0, i);
    }

    /** Runs of dots back to line ends: {@code ..} is a CRLF, an odd dot before them a dot. */
    static String lineEnds(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '.') {
                out.append(c);
                i++;
                continue;
            }
            int j = i;
            while (j < s.length() && s.charAt(j) == '.') {
                j++;
            }
            int run = j - i;
            if (run == 1) {
                out.append('.');
            } else {
                if (run % 2 == 1) {
                    out.append('.');
                }
                for (int k = 0; k < run / 2; k++) {
                    out.append("\r\n");
                }
            }
            i = j;
        }
        return out.toString();
    }
}
