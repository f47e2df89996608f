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
        String raw = reader.next();
        if (raw == null) {
            return null;
        }
        lineNo = reader.lineNo();
        String l = prefix.strip(raw, prefixTime);
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

    /** rsyslog's escapes of control characters: {@code #012} a line end, {@code #015} a CR (dropped), {@code #011} a tab. */
    static List<String> unescapeLines(String l) {
        String s = l.replace("#015", "").replace("#011", "\t");
        return List.of(s.split("#012", -1));
    }
}
