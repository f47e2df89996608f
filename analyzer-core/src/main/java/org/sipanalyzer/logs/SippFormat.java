package org.sipanalyzer.logs;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipanalyzer.net.Transport;

/**
 * SIPp's traces. {@code -trace_msg} ({@code <scenario>_<pid>_messages.log}): a line of dashes with the time,
 * {@code UDP message sent (526 bytes):} or {@code UDP message received [309] bytes :}, an empty line and the
 * message; no addresses. {@code -trace_err} ({@code _errors.log}): events, the unexpected message quoted after
 * {@code received '}. {@code -trace_shortmsg} ({@code _shortmessages.log}): one tab-separated line a message
 * (date, time, epoch, S or R, Call-ID, CSeq, start line), read into a message of its start line, Call-ID and CSeq.
 */
final class SippFormat {

    private SippFormat() {
    }

    /** The time SIPp writes: {@code 2026-12-02 07:51:54.235773}, older versions {@code 2018-06-21 05:31:10:592}. */
    private static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2}[ \\t]\\d{2}:\\d{2}:\\d{2}[.:]\\d{1,6}";

    /** {@code -trace_msg}. */
    static final class Messages extends LogFormat.Blocks {

        private static final Pattern SEPARATOR = Pattern.compile("^-{20,} (" + DATE_TIME + ")?");
        private static final Pattern EVENT = Pattern.compile(
                "^(UDP|TCP|TLS|SCTP|WSS?|\\w{1,8}) (?:control )?message (sent|received)"
                        + " [\\[(]\\d{1,9}\\]? ?bytes\\)? ?:");
        private static final Pattern UNEXPECTED = Pattern.compile("(?i)^\\s*unexpected\\b.*\\bmessage");
        /** What the three patterns need: 20 dashes, or the word message (in any case, as UNEXPECTED takes it). */
        private static final Cues CUES = Cues.of("-".repeat(20), "message");

        @Override
        String name() {
            return "SIPp -trace_msg";
        }

        @Override
        int confidence(Head head) {
            return head.any(SEPARATOR) && head.any(EVENT) ? 95 : 0;
        }

        @Override
        Layout layout() {
            return new Layout() {
                @Override
                boolean describe(String line, Meta meta, LogTime time) {
                    if (line.isEmpty() || line.startsWith("SIP/") || StartLines.is(line)) {
                        return false;
                    }
                    Matcher s = SEPARATOR.matcher(line);
                    if (s.find()) {
                        meta.time = s.group(1) == null ? null : time.findDated(s.group(1).replace('\t', ' '));
                        return true;
                    }
                    Matcher e = EVENT.matcher(line);
                    if (e.find()) {
                        meta.transport = Endpoints.transport(e.group(1));
                        return true;
                    }
                    if (UNEXPECTED.matcher(line).find()) {
                        meta.copy = true;
                        return true;
                    }
                    return false;
                }

                @Override
                Cues cues() {
                    return CUES;
                }

                @Override
                String content(String line) {
                    return line.startsWith("-----") && SEPARATOR.matcher(line).find() ? null : line;
                }
            };
        }
    }

    /** {@code -trace_err}: the unexpected messages SIPp quotes, each after {@code received '}, closed by a quote. */
    static final class Errors extends LogFormat.Blocks {

        private static final Pattern EVENT = Pattern.compile("^'?(" + DATE_TIME + ")\\t\\d{9,11}\\.\\d{1,6}: ");
        private static final Pattern QUOTED = Pattern.compile("\\breceived '(.*)$");

        @Override
        String name() {
            return "SIPp -trace_err";
        }

        @Override
        int confidence(Head head) {
            return head.any(EVENT) ? 90 : 0;
        }

        @Override
        Layout layout() {
            return new Layout() {
                @Override
                boolean describe(String line, Meta meta, LogTime time) {
                    Matcher e = EVENT.matcher(line);
                    if (e.find()) {
                        meta.time = time.findDated(e.group(1).replace('\t', ' '));
                        // An event that quotes a message: the quote is the message's start line, read by content.
                        return !QUOTED.matcher(line).find();
                    }
                    return false;
                }

                @Override
                String content(String line) {
                    Matcher q = QUOTED.matcher(line);
                    if (EVENT.matcher(line).find()) {
                        return q.find() ? q.group(1) : null;
                    }
                    return line.startsWith("'") ? null : line;
                }
            };
        }
    }

    /** {@code -trace_shortmsg}: one line a message. */
    static final class ShortMessages extends LogFormat {

        private static final Pattern ROW = Pattern.compile(
                "^(" + DATE_TIME + ")\\t(\\d{9,11}\\.\\d{1,6})\\t([SR])\\t([^\\t]{1,1024})"
                        + "\\tCSeq:\\s*([^\\t]{1,256})\\t(.{1,8192})$");

        @Override
        String name() {
            return "SIPp -trace_shortmsg";
        }

        @Override
        int confidence(Head head) {
            return head.any(ROW) ? 95 : 0;
        }

        @Override
        LogParser parser(LineSource lines, LogContext ctx) {
            return () -> {
                String line;
                while ((line = lines.next()) != null) {
                    Matcher m = ROW.matcher(line);
                    if (!m.matches()) {
                        if (!line.isBlank()) {
                            ctx.badRow(lines.lineNo());
                        }
                        continue;
                    }
                    String start = m.group(6).strip();
                    if (!StartLines.is(start)) {
                        ctx.badRow(lines.lineNo());
                        continue;
                    }
                    Meta meta = new Meta();
                    meta.time = LogTime.epochSeconds(m.group(2));
                    meta.transport = Transport.UDP;
                    String cseq = m.group(5).strip();
                    // The log keeps only these three lines: From, To and Via are not known, so the message says so
                    // (an invalid host), which keeps its transactions apart by CSeq as SIPp's own were.
                    String text = start + "\r\nCall-ID: " + m.group(4).strip() + "\r\nCSeq: " + cseq
                            + "\r\nVia: SIP/2.0/UDP invalid;branch=z9hG4bKshort" + Integer.toHexString(
                                    (m.group(4).strip() + " " + cseq).hashCode())
                            + "\r\nFrom: <sip:unknown@invalid>\r\nTo: <sip:unknown@invalid>\r\n\r\n";
                    return ctx.entry(lines.lineNo(), meta, text.getBytes(StandardCharsets.ISO_8859_1));
                }
                ctx.endOfLog(lines);
                return null;
            };
        }
    }

    /** {@code -trace_stat} and {@code -trace_counts}: SIPp's statistics, semicolon-separated; no messages. */
    static final class Statistics extends LogFormat {

        private static final Pattern STAT = Pattern.compile("^StartTime;LastResetTime;CurrentTime;");
        private static final Pattern COUNTS = Pattern.compile(
                "^CurrentTime;ElapsedTime;.*_(?:Sent|Recv|Retrans|Timeout)");

        @Override
        String name() {
            return "SIPp statistics";
        }

        @Override
        int confidence(Head head) {
            return head.any(STAT) || head.any(COUNTS) ? 95 : 0;
        }

        @Override
        LogParser parser(LineSource lines, LogContext ctx) {
            throw new IllegalStateException("refused");
        }

        @Override
        String refusal() {
            return "SIPp statistics (-trace_stat or -trace_counts): counts SIPp computed, not SIP messages; analyse"
                    + " the -trace_msg or -trace_shortmsg log, or a capture, of the same run";
        }
    }

}
