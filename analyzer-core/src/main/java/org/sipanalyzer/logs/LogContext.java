package org.sipanalyzer.logs;

import java.util.ArrayList;
import java.util.List;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;

/**
 * What a log's reading keeps across messages: its clock (times of day dated, equal times kept in order, no time
 * made up), what was found of times and endpoints, and every line not counted, named in bounded warnings.
 */
final class LogContext {

    private static final int LISTED = 5;

    final LogTime time;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long messages;
    private long timed;
    private long timeOfDay;
    private long withEndpoints;
    private long lastNanos = Long.MIN_VALUE;
    private long lastStamp = Long.MIN_VALUE;
    private final Tally mentions = new Tally("start lines with no SIP header after them (a log line quoting a"
            + " message, not a message) not counted");
    private final Tally cutOff = new Tally("messages cut off by the end of the log (counted, marked truncated)");
    private final Tally resync = new Tally("messages whose Content-Length runs into the next message: read up to"
            + " that message's start line");
    private final Tally oversize = new Tally("messages larger than " + LogReader.MAX_MESSAGE + " bytes skipped");
    private final Tally malformedRows = new Tally("rows that could not be read, skipped");
    private long repeated;

    LogContext(LogTime time) {
        this.time = time;
    }

    /** A message found at {@code line}, with what the lines before it said. */
    LogEntry entry(long line, Meta m, byte[] bytes) {
        return entry(line, m, bytes, false);
    }

    /** A message the end of the log cut off: counted, marked truncated, and said in a warning. */
    LogEntry cutOffEntry(long line, Meta m, byte[] bytes) {
        cutOff.add(line);
        return entry(line, m, bytes, true);
    }

    private LogEntry entry(long line, Meta m, byte[] bytes, boolean truncated) {
        messages++;
        long ts;
        boolean hasTime;
        if (m.time != null) {
            hasTime = true;
            timed++;
            if (m.time.kind() == LogTime.Kind.TIME_OF_DAY) {
                timeOfDay++;
            }
            // Messages logged in the same tick stay distinct and in order.
            ts = m.time.nanos() == lastStamp && lastNanos != Long.MIN_VALUE ? lastNanos + 1 : m.time.nanos();
            lastStamp = m.time.nanos();
        } else {
            hasTime = false;
            ts = messages * 1_000L; // order only: a microsecond apart, never read as a time
        }
        lastNanos = ts;
        Endpoint src = m.source;
        Endpoint dst = m.destination;
        if (src != Endpoints.UNKNOWN || dst != Endpoints.UNKNOWN) {
            withEndpoints++;
        }
        return new LogEntry(line, ts, hasTime, src, dst, m.transport == null ? Transport.UDP : m.transport, bytes,
                truncated);
    }

    void mention(long line) {
        mentions.add(line);
    }

    void resynchronised(long line) {
        resync.add(line);
    }

    void oversize(long line) {
        oversize.add(line);
    }

    void badRow(long line) {
        malformedRows.add(line);
    }

    void repeated() {
        repeated++;
    }

    void warn(String w) {
        warnings.add(w);
    }

    /** Called once at the end: the warnings of the whole log. */
    void endOfLog(LineSource lines) {
        if (lines != null) {
            lines.reader().addWarnings(warnings);
        }
        for (Tally t : List.of(mentions, cutOff, resync, oversize, malformedRows)) {
            t.warn(warnings);
        }
        if (repeated > 0) {
            notes.add(repeated + (repeated == 1 ? " message" : " messages") + " the log prints a second time"
                    + " (SIPp's unexpected-message blocks) counted once");
        }
        String anchor = time.anchorWarning();
        if (anchor != null) {
            notes.add(anchor);
        }
        if (messages > 0 && timed < messages) {
            notes.add(timed == 0
                    ? "the log gives no times: delays (PDD, set-up, duration, SRD, RRD) are not available"
                    : (messages - timed) + " of " + messages + " messages have no time in the log: delays involving"
                            + " them are not available");
        }
        if (messages > 0 && withEndpoints == 0) {
            notes.add("the log gives no addresses: senders and receivers are shown as \"" + Endpoint.UNKNOWN_HOST
                    + "\"");
        }
    }

    List<String> warnings() {
        return warnings;
    }

    /** What the log does not give, or gives twice, with nothing lost ({@code Diagnostic.Kind.LOG_NOTE}). */
    List<String> notes() {
        return notes;
    }

    long messages() {
        return messages;
    }

    /** "full", "time of day", "partial" or "none": how much of the time the log gave its messages. */
    String times() {
        if (timed == 0) {
            return "none";
        }
        if (timed < messages) {
            return "partial";
        }
        return timeOfDay > 0 ? "time of day" : "full";
    }

    /** "all", "some" or "none": how many messages came with an address. */
    String endpoints() {
        return withEndpoints == 0 ? "none" : withEndpoints < messages ? "some" : "all";
    }

    /** Lines of one kind not counted: the first few named, the rest counted. */
    private static final class Tally {
        private final String what;
        private long n;
        private final StringBuilder lines = new StringBuilder();

        Tally(String what) {
            this.what = what;
        }

        void add(long line) {
            n++;
            if (n <= LISTED) {
                lines.append(lines.length() == 0 ? "" : ", ").append(line);
            }
        }

        void warn(List<String> out) {
            if (n > 0) {
                out.add(n + " " + (n == 1 ? what.replaceFirst("^messages ", "message ").replaceFirst("^rows ", "row ")
                        .replaceFirst("^start lines ", "start line ") : what) + " (line " + lines
                        + (n > LISTED ? ", ..." : "") + ")");
            }
        }
    }
}
