package org.sipanalyzer.logs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prefix a logging system puts before every line of a program's output (syslog, the journal, Asterisk's full
 * log): recognised from the first lines, taken off each line that has it, its time kept for the message that
 * starts there.
 */
enum LinePrefix {
    NONE(null),
    /** RFC 3164 syslog and journalctl's default: {@code Dec  2 10:00:00 host prog[123]: }. */
    SYSLOG("(?<t>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\\d{1,2}"
            + " \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)"
            + " \\S+ [^\\s:\\[]{1,64}(?:\\[\\d{1,10}\\])?: ?"),
    /** rsyslog's high-precision format and journalctl -o short-iso: an ISO 8601 time, host, program. */
    SYSLOG_ISO("(?<t>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)"
            + " \\S+ [^\\s:\\[]{1,64}(?:\\[\\d{1,10}\\])?: ?"),
    /** RFC 5424 syslog: {@code <134>1 2024-03-01T10:00:00.123Z host app procid msgid [sd] }. */
    SYSLOG_5424("<\\d{1,3}>1 (?<t>\\S+) \\S+ \\S+ \\S+ \\S+ (?:-|\\[.*?\\]) ?"),
    /** Asterisk's full log: {@code [Dec  2 10:00:00] VERBOSE[123][C-00000001] chan_sip.c: }. */
    ASTERISK("\\[(?<t>[^\\]]{8,40})\\] (?:VERBOSE|DEBUG|NOTICE|WARNING|ERROR|DTMF|SECURITY)\\[\\d{1,10}\\]"
            + "(?:\\[C-[0-9a-fA-F]{1,16}\\])?:? (?:[\\w./-]{1,64}:(?:\\d{1,6} [\\w]{1,64}:)? )?"),
    /**
     * A time stamp, with an optional level, on every line, message lines included ({@code 2024-03-01 10:00:00.123
     * [INFO] INVITE sip:...}): taken only when most lines have it and some message line does.
     */
    TIMESTAMP("\\[?(?<t>\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)\\]?"
            + "(?: \\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|CRIT|FATAL)\\]?)?:? ");

    private final Pattern pattern;

    LinePrefix(String regex) {
        this.pattern = regex == null ? null : Pattern.compile("^" + regex);
    }

    /** The prefix most of the head's non-empty lines start with (at least half of them), else NONE. */
    static LinePrefix detect(List<String> head) {
        LinePrefix best = NONE;
        int bestCount = 0;
        int lines = 0;
        for (String l : head) {
            if (!l.isBlank()) {
                lines++;
            }
        }
        for (LinePrefix p : values()) {
            if (p == NONE) {
                continue;
            }
            int n = 0;
            boolean onMessageLines = false;
            for (String l : head) {
                Matcher m = p.pattern.matcher(l);
                if (!l.isBlank() && m.find()) {
                    n++;
                    onMessageLines |= StartLines.is(l.substring(m.end()));
                }
            }
            // Asterisk prints a message's lines after the first without the prefix, so its share may be small; a
            // bare time stamp is a prefix only when it stands on nearly every line, message lines too (elsewhere it
            // is a format's own line, which that format reads).
            int needed = p == ASTERISK ? Math.max(1, lines / 20)
                    : p == TIMESTAMP ? (onMessageLines ? Math.max(1, lines * 4 / 5) : Integer.MAX_VALUE)
                    : Math.max(1, (lines + 1) / 2);
            if (n >= needed && n > bestCount) {
                best = p;
                bestCount = n;
            }
        }
        return best;
    }

    /** The line without its prefix ({@code prefixTime[0]} gets the prefix's time text), or the line as it is. */
    String strip(String line, String[] prefixTime) {
        prefixTime[0] = null;
        if (pattern == null) {
            return line;
        }
        Matcher m = pattern.matcher(line);
        if (!m.find()) {
            return line;
        }
        prefixTime[0] = m.group("t");
        return line.substring(m.end());
    }
}
