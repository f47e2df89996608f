package org.sipanalyzer.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JAIN-SIP's message log (the RI's {@code gov.nist.javax.sip.LOG_MESSAGE_CONTENT} trace, as SIP Viewer reads it):
 * one {@code <message from="host:port" to="host:port" time="epoch ms" isSender="..." ...>} element per message,
 * the attributes on lines of their own, the message in a CDATA section (its body left out unless the stack logs
 * message content). The same records in a log4j debug log ({@code INFO - <message ...}) are read too; the
 * messages the debug lines print again are not, since no record describes them.
 */
final class JainSipXmlFormat extends LogFormat.Blocks {

    private static final Pattern MESSAGE = Pattern.compile("^\\s*(?:[A-Z]{4,5} - )?<message\\b");
    private static final Pattern FROM = Pattern.compile("\\bfrom=\"" + Endpoints.HOST + ":(\\d{1,5})\"");
    private static final Pattern TO = Pattern.compile("\\bto=\"" + Endpoints.HOST + ":(\\d{1,5})\"");
    private static final Pattern TIME = Pattern.compile("\\btime=\"(\\d{10,13})\"");
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "^\\s*(?:(?:[A-Z]{4,5} - )?<message\\b|[A-Za-z]+=\"[^\"]*\"|>)");
    private static final String CDATA = "<![CDATA[";

    @Override
    String name() {
        return "JAIN-SIP message log";
    }

    @Override
    int confidence(Head head) {
        return head.any(MESSAGE) && head.any(Pattern.compile("<!\\[CDATA\\[")) ? 80 : 0;
    }

    @Override
    Layout layout() {
        return new Layout() {
            @Override
            boolean describe(String line, Meta meta, LogTime time) {
                if (!ATTRIBUTE.matcher(line).find() || line.contains(CDATA)) {
                    return false;
                }
                Matcher f = FROM.matcher(line);
                if (f.find()) {
                    meta.source = Endpoints.parse(f.group(1), f.group(2));
                }
                Matcher t = TO.matcher(line);
                if (t.find()) {
                    meta.destination = Endpoints.parse(t.group(1), t.group(2));
                }
                Matcher e = TIME.matcher(line);
                if (e.find()) {
                    long v = Long.parseLong(e.group(1));
                    meta.time = new LogTime.Stamp((e.group(1).length() >= 13 ? v : v * 1000) * 1_000_000L,
                            LogTime.Kind.FULL);
                }
                return true;
            }

            @Override
            String content(String line) {
                int i = line.indexOf(CDATA);
                String s = i >= 0 ? line.substring(i + CDATA.length()) : line;
                if (s.startsWith("]]>") || s.strip().startsWith("</message>")) {
                    return null;
                }
                return s;
            }

            @Override
            boolean requiresDescription() {
                return true;
            }

            @Override
            boolean mayOmitBodies() {
                return true;
            }
        };
    }
}
