package org.sipanalyzer.logs;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The lines a layout reads: the log's lines with a per-line prefix taken off, and one line opened into several
 * where the logging system escaped the line ends ({@code #012} from rsyslog). A line can be pushed back.
 */
final class LineSource {

    private final LineReader reader;
    private final LinePrefix prefix;
    private final boolean unescape;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private final String[] prefixTime = new String[1];
    private String pushedBack;
    private String lastPrefixTime;
    private long lineNo;

    LineSource(LineReader reader, LinePrefix prefix, boolean unescape) {
        this.reader = reader;
        this.prefix = prefix;
        this.unescape = unescape;
    }

    /** The next line, or null at the end. */
    String next() throws IOException {
        if (pushedBack != null) {
            String l = pushedBack;
            pushedBack = null;
            return l;
        }
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        return reader.advance() ? text() : null;
    }

    /**
     * The next line that may matter outside a message, or null at the end: a line that holds none of {@code cues}
     * is passed over as bytes (still counted, and still warned of when cut or when it holds control bytes). A line
     * given back, or opened from an escaped one, is returned whatever it holds, and so is any line with an escape.
     */
    String next(Cues cues) throws IOException {
        if (pushedBack != null || !pending.isEmpty()) {
            return next();
        }
        reader.skipEmptyLines(); // an empty line holds no cue
        while (reader.advance()) {
            byte[] b = reader.bytes();
            int from = reader.from();
            int to = reader.to();
            if (cues.in(b, from, to) || unescape && holds(b, from, to, '#')) {
                return text();
            }
            reader.skipEmptyLines();
        }
        return null;
    }

    /** The line the reader holds, without its prefix, the first of several if its line ends were escaped. */
    private String text() {
        lineNo = reader.lineNo();
        String l = prefix.strip(reader.line(), prefixTime);
        lastPrefixTime = prefixTime[0];
        if (unescape && l.indexOf('#') >= 0) {
            List<String> parts = unescapeLines(l);
            for (int i = 1; i < parts.size(); i++) {
                pending.add(parts.get(i));
            }
            return parts.get(0);
        }
        return l;
    }

    private static boolean holds(byte[] b, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return true;
            }
        }
        return false;
    }

    /** Gives the line back: the next call returns it again. */
    void pushBack(String line) {
        pushedBack = line;
    }

    /** The log's line number of the line last read (lines opened from one escaped line share its number). */
    long lineNo() {
        return lineNo;
    }

    /** The time text of the last log line's prefix, or null. */
    String prefixTime() {
        return lastPrefixTime;
    }

    LineReader reader() {
        return reader;
    }

    /**
     * rsyslog's escapes of control characters: {@code #012} a line end, {@code #015} a CR (dropped), {@code #011} a
     * tab.
     */
    static List<String> unescapeLines(String l) {
        String s = l.replace("#015", "").replace("#011", "\t");
        return List.of(s.split("#012", -1));
    }
}
