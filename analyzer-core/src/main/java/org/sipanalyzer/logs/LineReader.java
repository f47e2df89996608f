package org.sipanalyzer.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The lines of a log, bounded: each line without its line end (a CR before the LF is dropped too), its bytes
 * kept one character each (ISO-8859-1), so that invalid UTF-8 or stray binary never fails and byte counts stay
 * those of the log. A line longer than {@link LogReader#MAX_LINE} is cut there; the rest is skipped, counted,
 * and the first few cut lines are named in a warning.
 */
final class LineReader {

    private static final int WARNED_LINES = 5;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean eof;
    private long lineNo;
    private long linesCut;
    private long bytesSkipped;
    private long controlLines;
    private final StringBuilder cutLines = new StringBuilder();
    private final StringBuilder controlLineNumbers = new StringBuilder();

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The number of the last line returned, from 1. */
    long lineNo() {
        return lineNo;
    }

    /** The next line, or null at the end of the input. */
    String next() throws IOException {
        StringBuilder sb = null;
        boolean cut = false;
        boolean control = false;
        while (true) {
            if (start == end) {
                if (eof || !fill()) {
                    break;
                }
            }
            int i = start;
            int stop = end;
            while (i < stop && buffer[i] != '\n') {
                int c = buffer[i] & 0xff;
                if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b)) {
                    control = true;
                }
                i++;
            }
            int have = sb == null ? 0 : sb.length();
            int take = Math.min(i - start, LogReader.MAX_LINE - have);
            if (sb == null) {
                sb = new StringBuilder(Math.min(take + 16, 1024));
            }
            if (take > 0) {
                sb.append(new String(buffer, start, take, StandardCharsets.ISO_8859_1));
            }
            if (i - start > take) {
                cut = true;
                bytesSkipped += i - start - take;
            }
            if (i < stop) {
                start = i + 1;
                return finish(sb, cut, control);
            }
            start = stop;
        }
        return sb == null ? null : finish(sb, cut, control);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = n < 0;
            return n > 0;
        }
        start = 0;
        end = n;
        return true;
    }

    private String finish(StringBuilder sb, boolean cut, boolean control) {
        lineNo++;
        if (cut) {
            linesCut++;
            if (linesCut <= WARNED_LINES) {
                cutLines.append(cutLines.length() == 0 ? "" : ", ").append(lineNo);
            }
        }
        if (control) {
            controlLines++;
            if (controlLines <= WARNED_LINES) {
                controlLineNumbers.append(controlLineNumbers.length() == 0 ? "" : ", ").append(lineNo);
            }
        }
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
            sb.setLength(n - 1);
        }
        return sb.toString();
    }

    /** Warnings for what was cut or looked binary, once the log has been read. */
    void addWarnings(List<String> warnings) {
        if (linesCut > 0) {
            warnings.add(linesCut + (linesCut == 1 ? " line" : " lines") + " longer than " + LogReader.MAX_LINE
                    + " bytes cut (line " + cutLines + (linesCut > WARNED_LINES ? ", ..." : "") + "; "
                    + bytesSkipped + " bytes skipped)");
        }
        if (controlLines > 0) {
            warnings.add(controlLines + (controlLines == 1 ? " line holds" : " lines hold")
                    + " NUL or other control bytes (line " + controlLineNumbers
                    + (controlLines > WARNED_LINES ? ", ..." : "") + ")");
        }
    }
}
