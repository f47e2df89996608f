package org.sipanalyzer.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The line reader against a plain split of the same bytes: lines across buffer refills, lines of every length up
 * to and past the limit, CRLF line ends, tabs, CRs and control bytes inside lines, and a stream that hands its
 * bytes over a few at a time.
 */
class LineReaderTest {

    /** What the reader should return: the text split at LF, a CR before it dropped, each line cut at MAX_LINE. */
    private static List<String> expected(String text) {
        List<String> out = new ArrayList<>();
        String[] parts = text.split("\n", -1);
        int n = text.endsWith("\n") ? parts.length - 1 : parts.length;
        for (int i = 0; i < n; i++) {
            String l = parts[i];
            if (l.length() > LogReader.MAX_LINE) {
                l = l.substring(0, LogReader.MAX_LINE);
            }
            if (l.endsWith("\r")) {
                l = l.substring(0, l.length() - 1);
            }
            out.add(l);
        }
        return out;
    }

    private static List<String> read(InputStream in) throws IOException {
        LineReader r = new LineReader(in);
        List<String> out = new ArrayList<>();
        String l;
        while ((l = r.next()) != null) {
            out.add(l);
            assertEquals(out.size(), r.lineNo());
        }
        return out;
    }

    /** A stream that returns at most {@code step} bytes a read, as a pipe or a decompressor may. */
    private static InputStream trickle(byte[] b, int step) {
        return new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] to, int off, int len) {
                return super.read(to, off, Math.min(len, step));
            }
        };
    }

    @Test
    void linesOfEveryLengthAcrossRefillsReadAsASplit() throws IOException {
        Random rnd = new Random(3);
        StringBuilder b = new StringBuilder();
        int[] lengths = {0, 1, 2, 100, 4095, 65535, 65536, 65537, 70000, 131072, 131073, 200000, 10, 0, 0};
        for (int round = 0; round < 3; round++) {
            for (int len : lengths) {
                for (int i = 0; i < len; i++) {
                    int k = rnd.nextInt(40);
                    b.append(k == 0 ? '\t' : k == 1 ? '\u0001' : k == 2 ? '\r' : (char) ('a' + rnd.nextInt(26)));
                }
                b.append(rnd.nextBoolean() ? "\r\n" : "\n");
            }
            for (int i = 0; i < 5000; i++) {
                b.append("x".repeat(rnd.nextInt(300))).append('\n');
            }
        }
        b.append("last line without an end");
        String text = b.toString();
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(expected(text), read(new ByteArrayInputStream(bytes)));
        assertEquals(expected(text), read(trickle(bytes, 7)));
        assertEquals(expected(text), read(trickle(bytes, 65536 + 3)));
    }

    @Test
    void cutLinesAndControlBytesAreCountedOnce() throws IOException {
        String text = "a\n" + "y".repeat(LogReader.MAX_LINE + 10) + "\r\nb\u0000c\n" + "\u0001".repeat(200000)
                + "\nend";
        LineReader r = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
        while (r.next() != null) {
            continue;
        }
        List<String> w = new ArrayList<>();
        r.addWarnings(w);
        assertEquals(List.of("2 lines longer than 65536 bytes cut (line 2, 4; " + (11 + 200000 - LogReader.MAX_LINE)
                + " bytes skipped)", "2 lines hold NUL or other control bytes (line 3, 4)"), w);
    }

    @Test
    void runsOfEmptyLinesArePassedOverAndCounted() throws IOException {
        Random rnd = new Random(4);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            b.append("\n".repeat(rnd.nextInt(3) == 0 ? rnd.nextInt(20_000) : rnd.nextInt(20)));
            b.append(i % 7 == 0 ? "\r" : "line " + i).append('\n');
        }
        String text = b.toString();
        List<String> all = expected(text);
        String[] raw = text.split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!raw[i].isEmpty()) { // a lone CR is a line with something in it, read as empty
                kept.add((i + 1) + " " + all.get(i));
            }
        }
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (InputStream in : List.of(new ByteArrayInputStream(bytes), trickle(bytes, 5000))) {
            LineReader r = new LineReader(in);
            List<String> got = new ArrayList<>();
            r.skipEmptyLines();
            while (r.advance()) {
                got.add(r.lineNo() + " " + r.line());
                r.skipEmptyLines();
            }
            assertEquals(kept, got);
            assertEquals(all.size(), r.lineNo());
        }
    }

    @Test
    void emptyInputHasNoLine() throws IOException {
        assertEquals(List.of(), read(new ByteArrayInputStream(new byte[0])));
        assertEquals(List.of(""), read(new ByteArrayInputStream(new byte[] {'\n'})));
    }
}
