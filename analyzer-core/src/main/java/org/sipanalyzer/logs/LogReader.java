package org.sipanalyzer.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.sipanalyzer.capture.CaptureFormatException;

/**
 * Reads the SIP messages of a text log. The format is recognised from the log's first 64 KiB: a prefix that a
 * logging system puts on every line (syslog, the journal, Asterisk's full log) is taken off, line ends escaped as
 * {@code #012} are opened, and the known format surest of the text reads it; any other text with whole SIP
 * messages in it is read by content (docs/logs.md lists the formats).
 */
public final class LogReader {

    /** Lines longer than this are cut (the rest of the line is skipped and counted). */
    public static final int MAX_LINE = 64 * 1024;
    /** Messages larger than this are skipped (counted). */
    public static final int MAX_MESSAGE = 256 * 1024;
    /** How many lines of the head recognition looks at. */
    private static final int HEAD_LINES = 400;

    private final LogFormat format;
    private final LogParser parser;
    private final LogContext ctx;
    private final String prefixWord;

    private LogReader(LogFormat format, LogParser parser, LogContext ctx, String prefixWord) {
        this.format = format;
        this.parser = parser;
        this.ctx = ctx;
        this.prefixWord = prefixWord;
    }

    /** What recognition found in a head: the format, the per-line prefix, and whether line ends are escaped. */
    private record Detected(LogFormat format, LinePrefix prefix, boolean unescape) {
    }

    /** True when {@code head} (the first bytes of an input) is a log that a format here reads or knows. */
    public static boolean looksLikeLog(byte[] head, int len) {
        return detect(head, len) != null;
    }

    private static Detected detect(byte[] head, int len) {
        if (len == 0 || binary(head, len)) {
            return null;
        }
        String text = new String(head, 0, len, StandardCharsets.ISO_8859_1);
        List<String> raw = new ArrayList<>();
        int from = 0;
        while (from < text.length() && raw.size() < HEAD_LINES) {
            int nl = text.indexOf('\n', from);
            int to = nl < 0 ? text.length() : nl;
            String l = text.substring(from, Math.min(to, from + MAX_LINE));
            int end = l.length();
            while (end > 0 && l.charAt(end - 1) == '\r') {
                end--; // CR LF or CR CR LF, as LineReader reads them
            }
            raw.add(l.substring(0, end));
            from = to + 1;
        }
        LinePrefix prefix = LinePrefix.detect(raw);
        boolean unescape = text.contains("#012");
        List<String> lines = new ArrayList<>();
        String[] t = new String[1];
        for (String l : raw) {
            String s = prefix.strip(l, t);
            if (unescape) {
                lines.addAll(LineSource.unescapeLines(s));
            } else {
                lines.add(s);
            }
        }
        LogFormat.Head h = new LogFormat.Head(lines);
        LogFormat best = null;
        int bestScore = 0;
        for (LogFormat f : LogFormats.all()) {
            int c = f.confidence(h);
            if (c > bestScore) {
                best = f;
                bestScore = c;
            }
        }
        return best == null ? null : new Detected(best, prefix, unescape);
    }

    /**
     * Text, not a capture or other binary: at most a tenth of the head's lines hold a NUL or other control byte. A
     * log with damaged lines (a block of NULs a crash left, a run of junk) is still a log, whatever the share of its
     * bytes the damage is, and its damaged lines are named in a warning; in a binary file nearly every line (the
     * bytes between two line feeds) holds one.
     */
    static boolean binary(byte[] head, int len) {
        int lines = 0;
        int damaged = 0;
        boolean control = false;
        for (int i = 0; i < len; i++) {
            int c = head[i] & 0xff;
            if (c == '\n') {
                lines++;
                damaged += control ? 1 : 0;
                control = false;
            } else if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b)) {
                control = true;
            }
        }
        if (len > 0 && head[len - 1] != '\n') {
            lines++; // the last line, cut by the end of the head
            damaged += control ? 1 : 0;
        }
        return damaged * 10 > lines;
    }

    /**
     * A reader of the log whose first bytes are {@code head}.
     *
     * @param fileDate the day the file was last modified, which dates times of day; null when unknown
     * @throws CaptureFormatException when the text is a file a format knows to hold no messages (SIPp's statistics),
     *     or no format reads it
     */
    public static LogReader open(InputStream in, byte[] head, int len, LocalDate fileDate)
            throws CaptureFormatException {
        Detected d = detect(head, len);
        if (d == null) {
            throw new CaptureFormatException("text without SIP messages in its first " + len + " bytes");
        }
        if (d.format().refusal() != null) {
            throw new CaptureFormatException(d.format().refusal());
        }
        LogContext ctx = new LogContext(new LogTime(fileDate));
        LineSource lines = new LineSource(new LineReader(in), d.prefix(), d.unescape());
        String prefixWord = switch (d.prefix()) {
            case NONE -> "";
            case ASTERISK -> " (Asterisk full log)";
            case TIMESTAMP -> " (time-stamped lines)";
            default -> " (syslog)";
        };
        return new LogReader(d.format(), d.format().parser(lines, ctx), ctx, prefixWord);
    }

    /** The format's name, as reports show it, with the logging system's when lines had its prefix. */
    public String formatName() {
        return format.name() + prefixWord;
    }

    /** The next message, or null at the end of the log. */
    public LogEntry next() throws IOException {
        return parser.next();
    }

    /** What the reader has to say of the log's damage: damaged, cut or skipped lines and messages. */
    public List<String> warnings() {
        return ctx.warnings();
    }

    /** What the log does not give (times, addresses, a date) or gives twice: said, with nothing lost. */
    public List<String> notes() {
        return ctx.notes();
    }

    /** Messages read so far. */
    public long messages() {
        return ctx.messages();
    }

    /** "full", "time of day", "partial" or "none": how much of the time the log gave its messages. */
    public String times() {
        return ctx.times();
    }

    /** "all", "some" or "none": how many messages came with an address. */
    public String endpoints() {
        return ctx.endpoints();
    }
}
