package org.sipanalyzer.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads whole SIP messages out of a line-oriented log whose layout is given by a {@link Layout}. A start line
 * begins a message; its headers run to the empty line (or to a line that ends the message, or to the next start
 * line); its body runs to Content-Length, counted with CRLF line ends as sent. Every message is bounded while it
 * is read, and a start line that no header follows (a log line quoting a request line) is not a message.
 */
class BlockParser implements LogParser {

    private static final byte[] CRLF = {'\r', '\n'};

    private final LineSource lines;
    private final Layout layout;
    private final LogContext ctx;
    private final Meta meta = new Meta();
    /** For asking a layout whether a line describes a message without touching the log's state. */
    private final LogTime scratchTime = new LogTime(null);
    private final Meta scratchMeta = new Meta();
    /** The lines that may matter between messages: a start line holds {@code SIP/}. */
    private final Cues cues;

    BlockParser(LineSource lines, Layout layout, LogContext ctx) {
        this.lines = lines;
        this.layout = layout;
        this.ctx = ctx;
        this.cues = layout.cues().and("SIP/");
    }

    /**
     * Lines between messages that may describe the next one, read but not yet asked: only a line that may start a
     * message (it holds {@code SIP/}) makes them worth reading, so a log of application lines costs a copy per
     * line, not a dozen patterns. The last {@link #DEFERRED} are kept, with their prefix's time, in order.
     */
    private final java.util.ArrayDeque<String[]> deferred = new java.util.ArrayDeque<>();
    static final int DEFERRED = 64;

    @Override
    public LogEntry next() throws IOException {
        String line;
        while ((line = lines.next(cues)) != null) {
            if (line.indexOf("SIP/") < 0) {
                if (deferred.size() == DEFERRED) {
                    deferred.removeFirst();
                }
                deferred.addLast(new String[] {line, lines.prefixTime()});
                continue;
            }
            describeDeferred();
            if (layout.describe(line, meta, ctx.time)) {
                meta.announced = true;
                notePrefixTime(lines.prefixTime());
                continue;
            }
            String c = layout.content(line);
            if (c == null || !StartLines.is(c)) {
                continue;
            }
            if (layout.requiresDescription() && !meta.announced) {
                continue;
            }
            notePrefixTime(lines.prefixTime());
            long start = lines.lineNo();
            LogEntry e = assemble(StartLines.strip(c), start);
            if (e != null) {
                return e;
            }
        }
        ctx.endOfLog(lines);
        return null;
    }

    /** The deferred lines, asked in the order they came, as they would have been one by one. */
    private void describeDeferred() {
        for (String[] d; (d = deferred.pollFirst()) != null; ) {
            if (layout.describe(d[0], meta, ctx.time)) {
                meta.announced = true;
                notePrefixTime(d[1]);
            }
        }
    }

    /** A prefix's time (syslog, Asterisk) stands for the message when no line before it gave one. */
    private void notePrefixTime(String prefixTime) {
        if (meta.time == null && prefixTime != null) {
            meta.time = ctx.time.find(prefixTime);
        }
    }

    private LogEntry assemble(String startLine, long start) throws IOException {
        Bounded msg = new Bounded();
        msg.line(startLine);
        java.util.List<String> headerLines = new java.util.ArrayList<>();
        int contentLengthLine = -1;
        int contentLength = -1;
        long headerBytes = startLine.length();
        boolean sipfrag = false;
        int headers = 0;
        boolean identifying = false;
        boolean ended = false;
        boolean first = true;
        boolean headersCut = false;
        boolean bodyCut = false;
        String line;
        while (true) {
            line = lines.next();
            if (line == null) {
                ended = true;
                // no empty line, and no Content-Length: 0 to say nothing more was to come
                headersCut = contentLength != 0;
                break;
            }
            String h = layout.content(line);
            if (h == null) {
                lines.pushBack(line);
                ended = true;
                break;
            }
            if (h.isBlank()) {
                if (first && headers == 0 && layout.blankAfterStartLine()) {
                    continue;
                }
                break;
            }
            first = false;
            String name = headerName(h);
            // A line shaped as a header is one; only another line can be the next message's start or description.
            if (name == null && (StartLines.is(h) || layout.describe(line, scratchMeta, scratchTime))) {
                lines.pushBack(line);
                ended = true;
                break;
            }
            headerBytes += h.length() + 2;
            if (headerBytes > LogReader.MAX_MESSAGE) {
                msg.over = true; // headers that never end: read on to their end, keeping nothing
                continue;
            }
            if (name == null) {
                if (h.startsWith(" ") || h.startsWith("\t")) {
                    headerLines.add(h); // a folded header line
                    continue;
                }
                lines.pushBack(line); // not a header: the message ended without its empty line
                ended = true;
                break;
            }
            headers++;
            switch (name) {
                case "call-id", "i", "cseq", "via", "v" -> identifying = true;
                case "content-length", "l" -> {
                    int cl = number(h);
                    if (cl >= 0) {
                        contentLength = cl;
                    }
                    contentLengthLine = headerLines.size();
                }
                case "content-type", "c" -> {
                    String v = h.substring(h.indexOf(':') + 1).strip().toLowerCase(Locale.ROOT);
                    sipfrag = v.startsWith("message/");
                }
                default -> {
                }
            }
            headerLines.add(h);
        }
        ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream();
        int body = 0;
        boolean endMarked = false;
        while (!ended && !meta.bodyOmitted && contentLength > 0 && body < contentLength) {
            line = lines.next();
            if (line == null) {
                bodyCut = true;
                break;
            }
            String b = layout.content(line);
            if (b == null) {
                lines.pushBack(line);
                endMarked = true;
                break;
            }
            // Within Content-Length a start line is body only in a message/sipfrag; elsewhere the length lied
            // and the next message begins here.
            if (!sipfrag && StartLines.is(b) && body > 0) {
                lines.pushBack(line);
                ctx.resynchronised(start);
                break;
            }
            byte[] bb = (b + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            int take = Math.min(bb.length, contentLength - body); // the last line may lack its line end
            if (body + take > LogReader.MAX_MESSAGE) {
                msg.over = true;
                break;
            }
            bodyBytes.write(bb, 0, take);
            body += take;
        }
        // A layout whose logs may leave bodies out (JAIN-SIP's message log without LOG_MESSAGE_CONTENT) ends the
        // message right after the empty line: then Content-Length would only say the body is missing.
        boolean omitted = meta.bodyOmitted || endMarked && body == 0 && layout.mayOmitBodies();
        for (int i = 0; i < headerLines.size(); i++) {
            if (!(omitted && i == contentLengthLine)) {
                msg.line(headerLines.get(i));
            }
        }
        if (!headersCut) {
            msg.crlf(); // a message cut in its headers keeps no empty line, so it reads as cut (NO_HEADER_END)
        }
        msg.write(bodyBytes.toByteArray(), bodyBytes.size());
        Meta m = copyAndReset();
        if (msg.over) {
            ctx.oversize(start);
            return null;
        }
        if (!identifying) {
            ctx.mention(start);
            return null;
        }
        if (m.copy) {
            ctx.repeated();
            return null;
        }
        return headersCut || bodyCut ? ctx.cutOffEntry(start, m, msg.toByteArray())
                : ctx.entry(start, m, msg.toByteArray());
    }

    private Meta copyAndReset() {
        Meta m = new Meta();
        m.time = meta.time;
        m.source = meta.source;
        m.destination = meta.destination;
        m.transport = meta.transport;
        m.copy = meta.copy;
        m.announced = meta.announced;
        meta.reset();
        return m;
    }

    /** The header's name in lower case, or null when the line is not {@code token: value}. */
    static String headerName(String h) {
        int colon = h.indexOf(':');
        if (colon <= 0 || colon > 128) {
            return null;
        }
        String name = h.substring(0, colon).strip();
        if (name.isEmpty()) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (!(Character.isLetterOrDigit(ch) && ch < 128) && "-.!%*_+`'~".indexOf(ch) < 0) {
                return null;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static int number(String h) {
        String v = h.substring(h.indexOf(':') + 1).strip();
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        long n = Long.parseLong(v);
        return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
    }

    /** A message being read, refusing to grow past {@link LogReader#MAX_MESSAGE}. */
    static final class Bounded extends ByteArrayOutputStream {
        boolean over;

        void line(String s) {
            write(s.getBytes(StandardCharsets.ISO_8859_1), Integer.MAX_VALUE);
            crlf();
        }

        void crlf() {
            write(CRLF, 2);
        }

        void write(byte[] b, int n) {
            int len = Math.min(n, b.length);
            if (count + len > LogReader.MAX_MESSAGE) {
                over = true;
                return;
            }
            write(b, 0, len);
        }
    }
}
