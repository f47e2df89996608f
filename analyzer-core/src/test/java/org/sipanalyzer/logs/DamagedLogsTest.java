package org.sipanalyzer.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.catalogue.Catalogue;

/**
 * A real log (SIPp's -trace_msg of 65 messages) damaged as logs are in real life: every damage gives a warning with
 * its line number, and every message the damage did not touch is still counted.
 */
class DamagedLogsTest {

    private static final int MESSAGES = 65; // samples/logs/sipp/sipp-uac-udp_messages.log.truth: requests + responses

    static byte[] log() throws IOException {
        return Files.readAllBytes(LogSamplesTest.samples().resolve("sipp/sipp-uac-udp_messages.log"));
    }

    static InputReport analyze(String name, byte[] bytes) {
        AnalysisResult r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults())
                .analyze(List.of(AnalysisInput.stream(name, new ByteArrayInputStream(bytes))), List.of());
        InputReport in = r.inputs().get(0);
        assertTrue(in.readable(), name + ": " + in.error());
        return in;
    }

    /** Where line {@code n} (from 1) starts. */
    static int lineStart(byte[] b, int n) {
        int line = 1;
        for (int i = 0; i < b.length; i++) {
            if (line == n) {
                return i;
            }
            if (b[i] == '\n') {
                line++;
            }
        }
        throw new IllegalArgumentException("no line " + n);
    }

    static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = Arrays.copyOf(b, b.length + what.length);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }

    static boolean warns(InputReport in, String... parts) {
        return in.warnings().stream().anyMatch(w -> Arrays.stream(parts).allMatch(w::contains));
    }

    @Test
    void theUndamagedLogHoldsItsMessages() throws IOException {
        assertEquals(MESSAGES, analyze("log", log()).sipMessages());
    }

    @Test
    void aLogCutInsideAMessageKeepsEveryMessageBeforeTheCut() throws IOException {
        byte[] b = log();
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int cut = text.indexOf("a=rtpmap", text.length() / 2); // inside the body of a message half-way through
        String kept = text.substring(0, cut);
        // Messages the log announced before the cut, less the repeated block SIPp prints for an unexpected message.
        long announced = kept.lines().filter(l -> l.matches("UDP message (sent|received).*")).count()
                - kept.lines().filter(l -> l.startsWith("Unexpected UDP message")).count();
        long cutLine = kept.lines().count();
        InputReport in = analyze("cut.log", kept.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(announced, in.sipMessages(), "every message up to the cut, the cut one included");
        assertEquals(1, in.statistics().malformed(), "the cut message is marked truncated");
        assertTrue(warns(in, "cut off by the end of the log"), in.warnings().toString());
        long startOfCut = text.substring(0, text.lastIndexOf("\n\n", cut) - 1).lines().count() + 2;
        assertTrue(startOfCut <= cutLine, "the warning names a line of the log");
    }

    /**
     * A FreeSWITCH siptrace cut inside the headers of its last message: that message is counted, as a capture counts
     * a frame its snap length cut, marked truncated and malformed (its headers never end), and the warning says so.
     * Cut before its Call-ID, it is no message at all, and no warning claims it was counted.
     */
    @Test
    void aMessageCutInItsHeadersIsCountedAndMarkedTruncated() throws IOException {
        byte[] b = Files.readAllBytes(LogSamplesTest.samples().resolve(
                "public/freeswitch-siptrace-drachtio-mrf-tcp.log"));
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int last = text.lastIndexOf("   SIP/2.0 200 OK");
        InputReport before = analyze("before.log", text.substring(0, last).getBytes(StandardCharsets.ISO_8859_1));
        int cut = text.indexOf("   User-Agent", last); // after its Call-ID and CSeq, before its end
        InputReport in = analyze("cut.log", text.substring(0, cut).getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(before.sipMessages() + 1, in.sipMessages(), "the cut message counts");
        assertEquals(1, in.truncatedFrames(), "marked truncated");
        assertEquals(before.statistics().malformed() + 1, in.statistics().malformed());
        assertEquals(1L, in.statistics().problems().get(org.sipanalyzer.sip.SipProblem.NO_HEADER_END));
        assertTrue(warns(in, "1 message cut off by the end of the log (counted, marked truncated)"),
                in.warnings().toString());
        assertTrue(!warns(in, "snap length"), "a log has no snap length: " + in.warnings());
        int early = text.indexOf("   Via", last); // the start line alone: nothing says which call it is
        InputReport bare = analyze("bare.log", text.substring(0, early).getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(before.sipMessages(), bare.sipMessages());
        assertTrue(!warns(bare, "cut off"), bare.warnings().toString());
    }

    /**
     * A block of NUL bytes, as a crash leaves in a file, near the start of a log: every message is still read, and
     * the block's line is named. A binary file, whose every line holds a control byte, is still not a log.
     */
    @Test
    void aBlockOfNulBytesIsADamagedLineNotABinaryFile() throws IOException {
        byte[] b = log();
        int at = lineStart(b, 12);
        InputReport in = analyze("crash.log", insert(b, at, new byte[4096]));
        assertEquals(MESSAGES, in.sipMessages());
        assertTrue(warns(in, "NUL or other control bytes", "line 12"), in.warnings().toString());
        byte[] junk = new byte[200];
        new java.util.Random(7).nextBytes(junk);
        assertEquals(MESSAGES, analyze("junk.log", insert(b, at, junk)).sipMessages());
        byte[] binary = new byte[65536];
        new java.util.Random(11).nextBytes(binary);
        assertTrue(LogReader.binary(binary, binary.length), "random bytes, a line feed every 256 on average");
        assertTrue(!LogReader.binary(b, b.length));
    }

    /**
     * CR CR LF line ends, what CR LF becomes when a program writes it through a Windows stream in text mode: every
     * message is still read, in SIPp's trace and in a JAIN-SIP XML message log.
     */
    @Test
    void crCrLfLineEndsAreLineEnds() throws IOException {
        String sipp = new String(log(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\r\n");
        assertEquals(MESSAGES, analyze("crcrlf.log", sipp.getBytes(StandardCharsets.ISO_8859_1)).sipMessages());
        byte[] xml = Files.readAllBytes(LogSamplesTest.samples().resolve("public/jainsip-messagelog-nist-shootme.txt"));
        long whole = analyze("xml.log", xml).sipMessages();
        String damaged = new String(xml, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\r\n");
        assertTrue(whole > 0);
        assertEquals(whole, analyze("crcrlf.xml", damaged.getBytes(StandardCharsets.ISO_8859_1)).sipMessages());
    }

    @Test
    void nulAndOtherControlBytesAreWarnedWithTheirLines() throws IOException {
        String text = new String(log(), StandardCharsets.ISO_8859_1);
        // NUL bytes inside a header's value, and a line of binary junk between two messages.
        int header = text.indexOf("User-Agent: ") + "User-Agent: ".length();
        long headerLine = text.substring(0, header).lines().count();
        byte[] damaged = insert(log(), header, new byte[] {0, 0, 0x01, 0x7f});
        String d = new String(damaged, StandardCharsets.ISO_8859_1);
        int between = d.indexOf("\n-----", d.length() / 2) + 1;
        long junkLine = d.substring(0, between).lines().count() + 1;
        damaged = insert(damaged, between, "\u0000\u0000 junk \u0002\n".getBytes(StandardCharsets.ISO_8859_1));
        InputReport in = analyze("nul.log", damaged);
        assertEquals(MESSAGES, in.sipMessages());
        assertTrue(warns(in, "NUL or other control bytes", "line " + headerLine + ", " + junkLine),
                in.warnings().toString());
    }

    @Test
    void invalidUtf8IsReadAsBytes() throws IOException {
        byte[] b = log();
        byte[] damaged = insert(b, lineStart(b, 10) + 6, new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, (byte) 0xfe});
        InputReport in = analyze("utf8.log", damaged);
        assertEquals(MESSAGES, in.sipMessages());
        assertEquals(0, in.statistics().malformed());
    }

    @Test
    void aTenMegabyteLineIsCutAndNamed() throws IOException {
        byte[] b = log();
        byte[] line = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(line, (byte) 'x');
        line[line.length - 1] = '\n';
        int at = lineStart(b, 30);
        // Before a separator line, between two messages.
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int sep = text.indexOf("\n-----", at) + 1;
        long lineNo = text.substring(0, sep).lines().count() + 1;
        InputReport in = analyze("long.log", insert(b, sep, line));
        assertEquals(MESSAGES, in.sipMessages());
        assertTrue(warns(in, "longer than " + LogReader.MAX_LINE + " bytes cut (line " + lineNo),
                in.warnings().toString());
    }

    @Test
    void aGzipCutShortKeepsWhatCameBeforeTheCut() throws IOException {
        byte[] b = log();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(b);
        }
        byte[] whole = gz.toByteArray();
        InputReport in = analyze("cut.log.gz", Arrays.copyOf(whole, whole.length * 2 / 3));
        assertTrue(in.sipMessages() > 0 && in.sipMessages() < MESSAGES, "messages before the cut: " + in.sipMessages());
        assertTrue(in.warnings().stream().anyMatch(w -> w.contains("gzip")), in.warnings().toString());
        assertEquals("SIPp -trace_msg+gzip", in.format());
    }

    @Test
    void contentLengthLiesSwallowNoMessage() throws IOException {
        // Kamailio's log on standard error (relay/kamailio-stderr.log.truth: 67 messages), read by the generic reader,
        // with three Content-Length headers made to lie: too large, 2^31, and a second one.
        String text = Files.readString(LogSamplesTest.samples().resolve("relay/kamailio-stderr.log"),
                StandardCharsets.ISO_8859_1);
        String[] lies = {"Content-Length: 100000", "Content-Length: 2147483648",
            "Content-Length: 0\r\nContent-Length: 99999"};
        int from = 0;
        for (String lie : lies) {
            int at = text.indexOf("Content-Length:", from + 2000);
            int end = text.indexOf('\n', at);
            text = text.substring(0, at) + lie + "\r" + text.substring(end);
            from = at;
        }
        InputReport in = analyze("lies.log", text.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(67, in.sipMessages(), "every message after a lying one is still found");
        assertTrue(warns(in, "Content-Length runs into the next message"), in.warnings().toString());
    }

    @Test
    void headersThatNeverEndAreBounded() throws IOException {
        // A start line, a Call-ID, then 20 MB of header lines (a gzip bomb would be the same): skipped with a
        // warning, and the messages after it (Kamailio's log, relay/kamailio-stderr.log.truth: 67) are read.
        StringBuilder b = new StringBuilder("OPTIONS sip:x@example.com SIP/2.0\nCall-ID: endless\n");
        String header = "X-Filler: " + "y".repeat(40) + "\n";
        b.append(header.repeat(400_000));
        b.append("\n");
        byte[] log = Files.readAllBytes(LogSamplesTest.samples().resolve("relay/kamailio-stderr.log"));
        byte[] all = Arrays.copyOf(b.toString().getBytes(StandardCharsets.ISO_8859_1), b.length() + log.length);
        System.arraycopy(log, 0, all, b.length(), log.length);
        InputReport in = analyze("endless.log", all);
        assertEquals(67, in.sipMessages(), "the messages after the endless one");
        assertTrue(warns(in, "larger than " + LogReader.MAX_MESSAGE + " bytes skipped (line 1)"),
                in.warnings().toString());
    }

    @Test
    void aDebugLineQuotingARequestLineIsNotAMessage() {
        String log = "2024-03-01 10:00:00,001 DEBUG - Dialog 17 sending INVITE sip:bob@example.com SIP/2.0\n"
                + "2024-03-01 10:00:00,002 DEBUG - INVITE sip:bob@example.com SIP/2.0\n"
                + "2024-03-01 10:00:00,003 INFO - state changed\n"
                + "2024-03-01 10:00:00,004 INFO - sent from 10.0.0.1:5060 to 10.0.0.2:5060:\n"
                + "INVITE sip:bob@example.com SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\n"
                + "From: <sip:alice@example.com>;tag=a\n"
                + "To: <sip:bob@example.com>\n"
                + "Call-ID: mention-1\n"
                + "CSeq: 1 INVITE\n"
                + "Content-Length: 0\n"
                + "\n";
        InputReport in = analyze("app.log", log.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(1, in.sipMessages(), "only the logged message");
        assertEquals(0, in.statistics().malformed());
        assertEquals(1, in.statistics().byMethod().size());
        assertTrue(in.statistics().byMethod().containsKey("INVITE"), in.statistics().byMethod().toString());
    }
}
