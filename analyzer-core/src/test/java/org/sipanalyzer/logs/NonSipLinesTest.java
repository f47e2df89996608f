package org.sipanalyzer.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lines that are not SIP between the messages of a log (which the reader passes over as bytes when they hold no
 * cue of the format) change none of the messages read: the same bytes, times and endpoints, in the same order.
 */
class NonSipLinesTest {

    /** Lines that describe no message in any format here, a few of them with a cue in them. */
    private static String filler(Random rnd) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            switch (rnd.nextInt(8)) {
                case 0 -> b.append('\n');
                case 1 -> b.append("   \t\r\n");
                case 2 -> b.append("the message queue holds ").append(rnd.nextInt(100)).append(" items\n");
                case 3 -> b.append("a client said SIP/2.0 is old\n");
                case 4 -> {
                    char[] junk = new char[2000 + rnd.nextInt(8000)];
                    for (int k = 0; k < junk.length; k++) {
                        junk[k] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                                .charAt(rnd.nextInt(64));
                    }
                    b.append(junk).append('\n');
                }
                case 5 -> b.append("\u0000\u0001 binary \u00ff\u00fe\r\n");
                default -> b.append("INFO [worker-").append(rnd.nextInt(9)).append("] cache refreshed in ")
                        .append(rnd.nextInt(99)).append(" ms, ").append(rnd.nextInt(9999)).append(" entries\n");
            }
        }
        return b.toString();
    }

    /** The log with filler before every line that {@code before} starts. */
    private static String spread(String log, String before) {
        Random rnd = new Random(5);
        StringBuilder b = new StringBuilder();
        for (String line : log.split("(?<=\n)")) {
            if (line.startsWith(before)) {
                b.append(filler(rnd));
            }
            b.append(line);
        }
        return b.toString();
    }

    private static List<String> messages(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = Arrays.copyOf(b, Math.min(b.length, 64 * 1024));
        LogReader r = LogReader.open(new ByteArrayInputStream(b), head, head.length, null);
        List<String> out = new ArrayList<>();
        LogEntry e;
        while ((e = r.next()) != null) {
            out.add(e.timestampNanos() + " " + e.timed() + " " + e.source() + " " + e.destination() + " "
                    + e.transport() + "\n" + new String(e.bytes(), StandardCharsets.ISO_8859_1));
        }
        out.add(r.formatName());
        return out;
    }

    @Test
    void sippTraceWithLinesBetweenItsBlocks() throws IOException {
        String log = LinePrefixTest.sample("sipp/sipp-uac-udp_messages.log");
        List<String> plain = messages(log);
        assertEquals(66, plain.size());
        assertEquals(plain, messages(spread(log, "-----")));
    }

    @Test
    void genericLogWithLinesBetweenItsMessages() throws IOException {
        // The same messages without SIPp's event lines: any text with SIP in it, each message after a time.
        String log = String.join("", Arrays.stream(LinePrefixTest.sample("sipp/sipp-uac-udp_messages.log")
                .split("(?<=\n)")).filter(l -> !l.contains(" message ")).toList());
        List<String> plain = messages(log);
        assertEquals("text log", plain.get(plain.size() - 1));
        assertEquals(67, plain.size());
        assertEquals(plain, messages(spread(log, "-----")));
    }

    @Test
    void kamailioLogWithLinesBeforeItsStartLines() throws IOException {
        String log = LinePrefixTest.sample("relay/kamailio-stderr.log");
        List<String> plain = messages(log);
        assertEquals(68, plain.size());
        assertEquals(plain, messages(spread(log, "INVITE ")));
    }
}
