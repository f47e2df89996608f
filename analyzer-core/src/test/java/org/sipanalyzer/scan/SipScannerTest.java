package org.sipanalyzer.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipanalyzer.sip.SipMessage;
import org.sipanalyzer.sip.SipProblem;

class SipScannerTest {

    private final SipScanner scanner = new SipScanner();

    static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds,"
            + " SIP/2.0/UDP other;branch=z9hG4bKx\r\n"
            + "Via: SIP/2.0/TCP second.example.com;branch=z9hG4bKsecond\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "From: \"Alice; the \\\"one\\\"\" <sip:alice@atlanta.example.com;tag=urlparam>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "User-Agent: Softphone/1.0\r\n"
            + "Content-Length: 4\r\n"
            + "\r\n"
            + "v=0\n";

    static final String RESPONSE = "SIP/2.0 486 Busy Here\r\n"
            + "v: SIP/2.0/UDP 192.0.2.1:5062;rport;branch=z9hG4bKabc\r\n"
            + "f: <sip:alice@example.com>;tag=aaa\r\n"
            + "t: <sip:bob@example.com>;tag=bbb\r\n"
            + "i: call-1@example.com\r\n"
            + "cseq: 7 INVITE\r\n"
            + "Reason: Q.850;cause=17;text=\"User busy\"\r\n"
            + "Retry-After: 300\r\n"
            + "Warning: 399 example.com \"busy\"\r\n"
            + "Server: PBX 2.0\r\n"
            + "l: 0\r\n"
            + "\r\n";

    private SipScanner.Scan scan(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return scanner.scanDatagram(b, 0, b.length);
    }

    /** The word-at-a-time test for printable text agrees with a byte loop, tabs, DEL and high bytes included. */
    @Test
    void wordAtATimePlainTestAgreesWithALoop() {
        java.util.Random random = new java.util.Random(11);
        byte[] edges = {0x00, 0x08, 0x09, 0x0a, 0x1f, 0x20, 0x21, 0x7e, 0x7f, (byte) 0x80, (byte) 0xa0, (byte) 0xff};
        for (int round = 0; round < 50_000; round++) {
            byte[] d = new byte[random.nextInt(48)];
            for (int i = 0; i < d.length; i++) {
                d[i] = random.nextInt(6) == 0 ? edges[random.nextInt(edges.length)]
                        : (byte) (0x20 + random.nextInt(95));
            }
            int a = d.length == 0 ? 0 : random.nextInt(d.length + 1);
            int z = a + random.nextInt(d.length - a + 1);
            boolean expected = true;
            for (int i = a; i < z; i++) {
                expected &= (d[i] >= 0x20 || d[i] == '\t') && d[i] != 0x7f;
            }
            assertEquals(expected, SipScanner.isPlain(d, a, z), () -> java.util.Arrays.toString(d));
        }
    }

    /**
     * The byte search that reads eight bytes at a time finds what a byte-by-byte search finds: any byte value (a
     * borrow from a byte below 0x01 or above 0x80 must not mark another), at random starts, ends and distances, in
     * arrays where the byte is absent, once, or everywhere.
     */
    @Test
    void wordAtATimeSearchFindsTheFirstByteAsALoopDoes() {
        java.util.Random random = new java.util.Random(10);
        for (int round = 0; round < 20_000; round++) {
            byte[] d = new byte[random.nextInt(40)];
            int kind = random.nextInt(3);
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) (kind == 0 ? random.nextInt(256) : kind == 1 ? 0x0a + random.nextInt(3) - 1 : 0x80);
            }
            byte b = (byte) (random.nextBoolean() ? '\n' : random.nextInt(256));
            int from = d.length == 0 ? 0 : random.nextInt(d.length + 1);
            int end = from + random.nextInt(d.length - from + 1);
            int expected = -1;
            for (int i = from; i < end; i++) {
                if (d[i] == b) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, Swar.indexOf(d, from, end, b), () -> java.util.Arrays.toString(d) + " " + b);
        }
    }

    /**
     * One scanner reuses its builder: nothing of a message may carry over into the next. Every message scanned after
     * every other (the two above, a bare one, and each RFC 4475 and 5118 torture message when the shared folder is
     * there) gives what a new scanner gives.
     */
    @Test
    void nothingCarriesOverFromOneMessageToTheNext() throws java.io.IOException {
        java.util.List<byte[]> messages = new java.util.ArrayList<>();
        messages.add(INVITE.getBytes(StandardCharsets.UTF_8));
        messages.add(RESPONSE.getBytes(StandardCharsets.UTF_8));
        messages.add("SIP/2.0 abc\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        messages.add("OPTIONS sip:x SIP/2.0\r\nCall-ID: c\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        java.nio.file.Path torture = org.sipanalyzer.testing.SharedData.root().resolve("torture");
        if (java.nio.file.Files.isDirectory(torture)) {
            try (var files = java.nio.file.Files.walk(torture)) {
                for (java.nio.file.Path f : files.filter(f -> f.toString().endsWith(".dat")).sorted().toList()) {
                    messages.add(java.nio.file.Files.readAllBytes(f));
                }
            }
        }
        SipScanner reused = new SipScanner();
        for (byte[] before : messages) {
            for (byte[] m : messages) {
                reused.scanDatagram(before, 0, before.length);
                SipScanner.Scan again = reused.scanDatagram(m, 0, m.length);
                SipScanner.Scan fresh = new SipScanner().scanDatagram(m, 0, m.length);
                assertEquals(fresh, again, new String(m, StandardCharsets.UTF_8));
            }
        }
        assertTrue(messages.size() >= 4);
    }

    /**
     * From, To and Via are read from their own bytes when they are printable ASCII on one line, and from their text
     * otherwise: the same value, once on one line and once folded at a blank (which unfolds to the same text), gives
     * the same tags, branch, sent-by, transport and problems, on random values full of quotes, escapes, brackets,
     * parameters and commas.
     */
    @Test
    void fieldsReadFromBytesOrFromTextAgree() {
        Random rnd = new Random(41);
        String[] parts = {"\"Al ice\"", "\"a\\\";tag=q\"", "<sip:x@h;tag=uri>", "<sip:y@h>", ";tag=", ";TAG = ", "abc",
            "z9hG4bK7", ";branch=", " ; Branch = ", ",", " ", "SIP/2.0/", "SIP / 2.0 / ", "UDP", "tcp",
            "h.example:5060", ";rport", ">", "<", "\"", "\\", ";lr", "\t", "x y"};
        int compared = 0;
        for (int n = 0; n < 20_000; n++) {
            String[] plain = {random(rnd, parts, 9, ""), random(rnd, parts, 9, ""),
                random(rnd, parts, 9, "SIP/2.0/UDP ")};
            String[] folded = folded(plain, "\r\n\t");
            if (folded == null) {
                continue;
            }
            SipMessage a = scan(message(plain)).message();
            SipMessage b = scan(message(folded)).message();
            String what = String.join(" | ", plain);
            assertEquals(a.fromTag(), b.fromTag(), what);
            assertEquals(a.toTag(), b.toTag(), what);
            assertEquals(a.from(), b.from(), what);
            assertEquals(a.to(), b.to(), what);
            assertEquals(a.viaBranch(), b.viaBranch(), what);
            assertEquals(a.viaSentBy(), b.viaSentBy(), what);
            assertEquals(a.viaTransport(), b.viaTransport(), what);
            assertEquals(a.problems(), b.problems(), what);
            compared++;
        }
        assertTrue(compared > 5_000, compared + " pairs compared");
    }

    /**
     * Call-ID, User-Agent, Reason and the other values kept whole are their own bytes when printable ASCII on one line,
     * and text made and unfolded otherwise: the same value on one line and folded at a blank gives the same fields.
     */
    @Test
    void wholeValuesReadFromBytesOrFromTextAgree() {
        Random rnd = new Random(43);
        String[] parts = {"a84b4c76e66710", "@", "pc33.example.com", " ", "\t", "\"q\"", "Acme/1.0", "(x)", "é", ";",
            "SIP ;cause=200 ;text=\"Call completed elsewhere\"", "~", "x  y", "=", "%20", "\u00e9t\u00e9"};
        int compared = 0;
        for (int n = 0; n < 40_000; n++) {
            String[] plain = {random(rnd, parts, 7, ""), random(rnd, parts, 7, ""), random(rnd, parts, 7, "")};
            String[] folded = folded(plain, "\r\n ");
            if (folded == null) {
                continue;
            }
            SipMessage a = scanUtf8(whole(plain)).message();
            SipMessage b = scanUtf8(whole(folded)).message();
            String what = String.join(" | ", plain);
            assertEquals(plain[0], a.callId(), what);
            assertEquals(a.callId(), b.callId(), what);
            assertEquals(a.userAgent(), b.userAgent(), what);
            assertEquals(a.reason(), b.reason(), what);
            compared++;
        }
        assertTrue(compared > 2_000, compared + " pairs compared");
    }

    private SipScanner.Scan scanUtf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return scanner.scanDatagram(b, 0, b.length);
    }

    private static String whole(String[] callIdAgentReason) {
        return "BYE sip:b@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\n"
                + "Call-ID: \t" + callIdAgentReason[0] + " \r\nCSeq: 2 BYE\r\nUser-Agent: " + callIdAgentReason[1]
                + "\r\nReason: " + callIdAgentReason[2] + "\r\n\r\n";
    }

    /** {@code prefix} and 1 to {@code most} random parts, outer blanks removed. */
    private static String random(Random rnd, String[] parts, int most, String prefix) {
        StringBuilder v = new StringBuilder(prefix);
        for (int k = rnd.nextInt(most); k >= 0; k--) {
            v.append(parts[rnd.nextInt(parts.length)]);
        }
        return v.toString().strip();
    }

    /** Each value folded as {@link #folded(String, String)} folds it; null when one cannot be. */
    private static String[] folded(String[] plain, String fold) {
        String[] out = new String[plain.length];
        for (int i = 0; i < plain.length; i++) {
            out[i] = folded(plain[i], fold);
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }

    /**
     * {@code plain} folded at its last blank that is not followed by a blank, the blank replaced by a line end and
     * {@code fold} (which unfolds to the same text); null when it has no such blank.
     */
    private static String folded(String plain, String fold) {
        int at = -1;
        for (int i = 1; i < plain.length() - 1; i++) {
            if (plain.charAt(i) == ' ' && plain.charAt(i + 1) != ' ' && plain.charAt(i + 1) != '\t') {
                at = i;
            }
        }
        return at < 0 ? null : plain.substring(0, at) + fold + plain.substring(at + 1);
    }

    private static String message(String[] viaFromTo) {
        return "OPTIONS sip:b@h SIP/2.0\r\nVia: " + viaFromTo[2] + "\r\nFrom: " + viaFromTo[0] + "\r\nTo: "
                + viaFromTo[1] + "\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\n";
    }

    @Test
    void extractsRequestFields() {
        SipScanner.Scan s = scan(INVITE);
        assertEquals(SipScanner.Outcome.MESSAGE, s.outcome());
        SipMessage m = s.message();
        assertFalse(m.isResponse());
        assertEquals("INVITE", ((SipMessage.Request) m).method());
        assertEquals("sip:bob@biloxi.example.com", ((SipMessage.Request) m).requestUri());
        assertEquals("a84b4c76e66710@pc33.atlanta.example.com", m.callId());
        assertEquals(314159, m.cseqNumber());
        assertEquals("INVITE", m.cseqMethod());
        assertEquals("1928301774", m.fromTag(), "the URI's own tag parameter is not the header's tag");
        assertNull(m.toTag());
        assertEquals("z9hG4bK776asdhds", m.viaBranch(), "top Via: first value of the first header");
        assertEquals("pc33.atlanta.example.com:5060", m.viaSentBy());
        assertEquals("UDP", m.viaTransport());
        assertEquals(4, m.fields().contentLength());
        assertEquals(4, m.bodyLength());
        assertEquals("Softphone/1.0", m.userAgent());
        assertTrue(m.isWellFormed(), m.problems().toString());
        assertEquals(INVITE.length(), s.consumed());
    }

    @Test
    void extractsResponseFieldsFromCompactAndLowerCaseHeaders() {
        SipMessage m = scan(RESPONSE).message();
        assertTrue(m.isResponse());
        assertEquals(486, ((SipMessage.Response) m).statusCode());
        assertEquals("Busy Here", ((SipMessage.Response) m).reasonPhrase());
        assertEquals("call-1@example.com", m.callId());
        assertEquals(7, m.cseqNumber());
        assertEquals("aaa", m.fromTag());
        assertEquals("bbb", m.toTag());
        assertEquals("z9hG4bKabc", m.viaBranch());
        assertEquals("192.0.2.1:5062", m.viaSentBy());
        assertEquals("Q.850;cause=17;text=\"User busy\"", m.reason());
        assertEquals("300", m.retryAfter());
        assertEquals("399 example.com \"busy\"", m.warning());
        assertEquals("PBX 2.0", m.server());
        assertEquals(0, m.fields().contentLength());
        assertTrue(m.isWellFormed());
    }

    @Test
    void toleratesLfOnlyLineEndsFoldingAndLeadingKeepAlives() {
        String lf = "\r\n\r\n" + RESPONSE.replace("\r\n", "\n")
                .replace("i: call-1@example.com\n", "i: \n call-1@example.com\n")
                .replace("Server: PBX 2.0\n", "Server: PBX\n\t 2.0\n");
        SipMessage m = scan(lf).message();
        assertEquals(486, ((SipMessage.Response) m).statusCode());
        assertEquals("call-1@example.com", m.callId());
        assertEquals("PBX 2.0", m.server(), "folded lines join with one space");
        assertTrue(m.isWellFormed(), m.problems().toString());
    }

    @Test
    void keepAlivesAndNonSipAreToldApart() {
        assertEquals(SipScanner.Outcome.KEEP_ALIVE, scan("\r\n\r\n").outcome());
        assertEquals(SipScanner.Outcome.NOT_SIP, scan("").outcome());
        assertEquals(SipScanner.Outcome.NOT_SIP, scan("GET / HTTP/1.1\r\nHost: x\r\n\r\n").outcome());
        assertEquals(SipScanner.Outcome.NOT_SIP, scan("HTTP/1.1 200 OK\r\n\r\n").outcome());
        assertEquals(SipScanner.Outcome.NOT_SIP, scan("\u0080\u0001\u00ff binary").outcome());
        assertEquals(SipScanner.Outcome.NOT_SIP, scan("SIP/2.0").outcome(), "a version alone is no status line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIP/2.0 42 Odd\r\n", "SIP/2.0 4294967301 Big\r\n", "SIP/2.0 abc Text\r\n",
        "SIP/2.0 700 Seven\r\n", "SIP/2.0 099 Low\r\n"})
    void invalidStatusCodesAreStillResponses(String line) {
        SipMessage m = scan(line + "Call-ID: x\r\nCSeq: 1 INVITE\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"
                + "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n").message();
        assertTrue(m.isResponse());
        assertTrue(m.problems().contains(SipProblem.INVALID_STATUS_CODE), m.problems().toString());
    }

    @Test
    void statusCodeKeepsItsValueWhenNumeric() {
        assertEquals(42, ((SipMessage.Response) scan("SIP/2.0 42 Odd\r\n\r\n").message()).statusCode());
        assertEquals(-1, ((SipMessage.Response) scan("SIP/2.0 4v1 Odd\r\n\r\n").message()).statusCode());
        assertEquals(700, ((SipMessage.Response) scan("SIP/2.0 700 Seven\r\n\r\n").message()).statusCode());
    }

    @Test
    void missingMandatoryHeadersAreProblems() {
        SipMessage m = scan("OPTIONS sip:x@y SIP/2.0\r\nContent-Length: 0\r\n\r\n").message();
        assertEquals(Set.of(SipProblem.MISSING_CALL_ID, SipProblem.MISSING_CSEQ, SipProblem.MISSING_FROM,
                SipProblem.MISSING_TO, SipProblem.MISSING_VIA), m.problems());
    }

    @Test
    void aHeaderLine64KiBLongIsHandled() {
        String big = "X-Big: " + "a".repeat(64 * 1024) + "\r\n";
        String msg = RESPONSE.replace("Server: PBX 2.0\r\n", big + "Server: PBX 2.0\r\n");
        SipScanner.Scan s = scan(msg);
        assertEquals(SipScanner.Outcome.MESSAGE, s.outcome());
        assertEquals("PBX 2.0", s.message().server());
        String hugeCallId = RESPONSE.replace("i: call-1@example.com", "i: " + "c".repeat(70_000));
        SipMessage m = scan(hugeCallId).message();
        assertEquals(SipScanner.MAX_FIELD_CHARS, m.callId().length(), "extracted fields are bounded");
        // A character outside the BMP (two chars in Java) across the bound is left out whole, not cut in half.
        String straddling = RESPONSE.replace("Server: PBX 2.0", "Server: " + "s".repeat(SipScanner.MAX_FIELD_CHARS - 1)
                + "\uD83D\uDE00 more");
        String server = new SipScanner().scanDatagram(straddling.getBytes(StandardCharsets.UTF_8), 0,
                straddling.getBytes(StandardCharsets.UTF_8).length).message().server();
        assertEquals("s".repeat(SipScanner.MAX_FIELD_CHARS - 1), server);
    }

    @Test
    void streamModeFramesByContentLengthAndWaitsForMore() {
        byte[] two = (INVITE + RESPONSE).getBytes(StandardCharsets.ISO_8859_1);
        SipScanner.Scan first = scanner.scanStream(two, 0, two.length);
        assertEquals(SipScanner.Outcome.MESSAGE, first.outcome());
        assertEquals(INVITE.length(), first.consumed());
        SipScanner.Scan second = scanner.scanStream(two, first.consumed(), two.length - first.consumed());
        assertEquals(486, ((SipMessage.Response) second.message()).statusCode());
        assertEquals(RESPONSE.length(), second.consumed());
        for (int cut = 1; cut < INVITE.length(); cut++) {
            assertEquals(SipScanner.Outcome.INCOMPLETE, scanner.scanStream(two, 0, cut).outcome(), "cut at " + cut);
        }
    }

    @Test
    void neverThrowsOnRandomBytesOrTruncations() {
        Random rnd = new Random(42);
        byte[] base = (INVITE + RESPONSE).getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = base.clone();
            for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            int len = rnd.nextInt(b.length + 1);
            scanner.scanDatagram(b, 0, len);
            scanner.scanStream(b, 0, len);
        }
        byte[] noise = new byte[4096];
        for (int i = 0; i < 2_000; i++) {
            rnd.nextBytes(noise);
            scanner.scanDatagram(noise, 0, noise.length);
            scanner.scanStream(noise, 0, noise.length);
        }
    }

    @Test
    void aSecondTagIsFlaggedButTagInsideTheUriIsNot() {
        SipMessage two = scan(RESPONSE.replace("t: <sip:bob@example.com>;tag=bbb",
                "t: <sip:bob@example.com>;tag=bbb;tag=2")).message();
        assertEquals("bbb", two.toTag(), "the first tag wins, as in Wireshark");
        assertTrue(two.problems().contains(SipProblem.DUPLICATE_HEADER));
        SipMessage plain = scan(RESPONSE.replace("t: <sip:bob@example.com>;tag=bbb",
                "t: sip:tagger@example.com;tag=bbb")).message();
        assertEquals("bbb", plain.toTag());
        assertTrue(plain.isWellFormed(), plain.problems().toString());
    }

    @Test
    void otherVersionsAreSipWithAProblem() {
        SipMessage m = scan("OPTIONS sip:t@example.com SIP/7.0\r\n\r\n").message();
        assertTrue(m.problems().contains(SipProblem.UNSUPPORTED_VERSION));
        assertTrue(scan("sip/2.0 200 OK\r\n\r\n").message().isResponse(), "the version is case-insensitive");
    }

    /**
     * CSeq is read straight from its bytes when it has the common shape, and otherwise as text. A value after a line
     * fold always goes the second way (the scanner skips the fold as leading white space): every value, plain or
     * odd, must give the same number, method and problems both ways.
     */
    @Test
    void aCSeqReadFromItsBytesSaysWhatItsTextSays() {
        Random rnd = new Random(3261);
        String alphabet = "0123456789          \tINVITEoptions;=-.!%*_+`'~,/\"\u00e9";
        java.util.List<String> values = new java.util.ArrayList<>(java.util.List.of("1 OPTIONS", "  42\tOPTIONS  ",
                "4294967295 OPTIONS", "4294967296 OPTIONS", "12345678901 OPTIONS", "1234567890 OPTIONS", "1 options",
                "1 OPT IONS", "1 INVITE;x", "1", "OPTIONS", " 7 ", "007 OPTIONS", "1 \u00e9", "1  X-Custom.Method"));
        for (int i = 0; i < 3000; i++) {
            StringBuilder v = new StringBuilder();
            for (int n = rnd.nextInt(16); n > 0; n--) {
                v.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            values.add(v.toString());
        }
        for (String v : values) {
            SipMessage plain = cseqMessage(" " + v);
            SipMessage asText = cseqMessage("\r\n " + v);
            String what = "CSeq: [" + v + "]";
            assertEquals(asText.cseqNumber(), plain.cseqNumber(), what);
            assertEquals(asText.cseqMethod(), plain.cseqMethod(), what);
            assertEquals(asText.problems(), plain.problems(), what);
        }
    }

    private SipMessage cseqMessage(String cseq) {
        byte[] b = ("OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
                + "To: <sip:c@d>\r\nCall-ID: c\r\nCSeq:" + cseq + "\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return new SipScanner().scanDatagram(b, 0, b.length).message();
    }

    /** One scanner hands out a phrase it has seen again only while the bytes are the same. */
    @Test
    void aReasonPhraseIsSharedOnlyWhileItsBytesAreTheSame() {
        SipScanner scanner = new SipScanner();
        for (String phrase : java.util.List.of("Busy Here", "Busy", "Busy Here", "Busy Herf", "Ocupado aqu\u00ed",
                "Busy Here", "", "Busy Here ", "BUSY HERE")) {
            byte[] b = ("SIP/2.0 486 " + phrase + "\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
                    + "To: <sip:c@d>;tag=2\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            SipMessage m = scanner.scanDatagram(b, 0, b.length).message();
            assertEquals(phrase.strip(), ((SipMessage.Response) m).reasonPhrase(), phrase);
        }
    }
}
