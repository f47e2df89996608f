package org.sipanalyzer.logs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The lines of a log, bounded: each line without its line end (a CR before the LF is dropped too), its bytes
 * kept one character each (ISO-8859-1), so that invalid UTF-8 or stray binary never fails and byte counts stay
 * those of the log. A line longer than {@link LogReader#MAX_LINE} is cut there; the rest is skipped, counted,
 * and the first few cut lines are named in a warning.
 *
 * <p>Each line stays in the reader's buffer, whole, until the next one is read: a caller can look at its bytes
 * ({@link #bytes()}, {@link #from()}, {@link #to()}) and make text of only the lines it needs.
 */
final class LineReader {

    private static final int WARNED_LINES = 5;
    /** NUL and the other control bytes that text does not hold (tab, line ends, form feed and escape it does). */
    private static final boolean[] CONTROL = new boolean[256];
    /** Eight bytes of the buffer at once, to pass over text (no byte below 0x20) a word at a time. */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SPACES = 0x2020202020202020L;
    private static final long LINE_ENDS = 0x0a0a0a0a0a0a0a0aL;
    private static final long HIGH_BITS = 0x8080808080808080L;

    static {
        for (int c = 0; c < 0x20; c++) {
            CONTROL[c] = c < 0x09 || (c > 0x0d && c != 0x1b);
        }
    }

    private final InputStream in;
    /** Room for the longest line kept, and as much again read ahead. */
    private final byte[] buffer = new byte[2 * LogReader.MAX_LINE];
    /** The first byte not yet in a line. */
    private int pos;
    /** The end of the bytes read. */
    private int end;
    private boolean eof;
    private int lineFrom;
    private int lineTo;
    private long lineNo;
    private long linesCut;
    private long bytesSkipped;
    private long controlLines;
    private final StringBuilder cutLines = new StringBuilder();
    private final StringBuilder controlLineNumbers = new StringBuilder();

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The number of the last line read, from 1. */
    long lineNo() {
        return lineNo;
    }

    /** The next line as text, or null at the end of the input. */
    String next() throws IOException {
        return advance() ? line() : null;
    }

    /** The line last read, as text. */
    String line() {
        return lineTo == lineFrom ? "" : new String(buffer, lineFrom, lineTo - lineFrom, StandardCharsets.ISO_8859_1);
    }

    /** The buffer that holds the line last read, from {@link #from()} to {@link #to()}. */
    byte[] bytes() {
        return buffer;
    }

    int from() {
        return lineFrom;
    }

    int to() {
        return lineTo;
    }

    /** Reads the next line into the buffer; false at the end of the input. */
    boolean advance() throws IOException {
        int from = pos;
        int i = pos;
        int keep = -1; // where a line longer than MAX_LINE is cut
        long skipped = 0;
        boolean control = false;
        while (true) {
            byte[] b = buffer;
            int stop = end;
            while (i < stop) {
                if (stop - i >= 8) {
                    long w = (long) WORD.get(b, i);
                    if (((w - SPACES) & ~w & HIGH_BITS) == 0) { // no line end and no control byte in these eight
                        i += 8;
                        continue;
                    }
                }
                byte c = b[i];
                if (c == '\n') {
                    break;
                }
                control |= CONTROL[c & 0xff];
                i++;
            }
            if (i < stop) {
                pos = i + 1;
                break;
            }
            if (eof) {
                if (i == from) {
                    return false;
                }
                pos = i;
                break;
            }
            if (keep < 0 && i - from > LogReader.MAX_LINE) {
                keep = from + LogReader.MAX_LINE;
            }
            if (keep >= 0) { // what lies past the cut has been looked at for control bytes: it is dropped
                skipped += i - keep;
                i = keep;
                end = keep;
            }
            if (from > 0) { // the line so far goes to the start of the buffer, to read as much as it can hold
                int n = end - from;
                System.arraycopy(buffer, from, buffer, 0, n);
                i -= from;
                keep = keep < 0 ? -1 : keep - from;
                from = 0;
                end = n;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n <= 0) {
                eof = true;
            } else {
                end += n;
            }
        }
        if (keep < 0 && i - from > LogReader.MAX_LINE) {
            keep = from + LogReader.MAX_LINE;
        }
        int to = i;
        if (keep >= 0) {
            skipped += i - keep;
            to = keep;
        }
        while (to > from && buffer[to - 1] == '\r') {
            to--; // CR LF, and CR CR LF: what a CR LF becomes through a Windows stream in text mode
        }
        lineFrom = from;
        lineTo = to;
        count(keep >= 0, skipped, control);
        return true;
    }

    /**
     * Passes over the empty lines (a lone LF each) that come next, counting them, for a caller that has no use
     * for them; the line last read is no longer at hand.
     */
    void skipEmptyLines() throws IOException {
        while (true) {
            byte[] b = buffer;
            int i = pos;
            int stop = end;
            while (stop - i >= 8 && (long) WORD.get(b, i) == LINE_ENDS) {
                i += 8;
            }
            while (i < stop && b[i] == '\n') {
                i++;
            }
            lineNo += i - pos;
            pos = i;
            if (i < stop || eof) {
                return;
            }
            pos = 0;
            end = 0;
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                eof = true;
                return;
            }
            end = n;
        }
    }

    private void count(boolean cut, long skipped, boolean control) {
        lineNo++;
        if (cut) {
            linesCut++;
            bytesSkipped += skipped;
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
