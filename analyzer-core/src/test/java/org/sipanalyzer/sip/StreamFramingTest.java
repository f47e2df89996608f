package org.sipanalyzer.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.scan.SipScanner;
import org.sipanalyzer.testing.SharedData;

/**
 * Framing a stream reads only Content-Length, yet must cut a stream exactly where a full scan would: the same
 * outcome and the same length for every prefix of every message, so that the message the SIP stage then scans from
 * the framed bytes is the one a full stream scan gave.
 */
class StreamFramingTest {

    private final SipScanner scanner = new SipScanner();

    private static final List<String> MESSAGES = List.of(
            "INVITE sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCall-ID: a\r\nCSeq: 1 INVITE\r\n"
                    + "Content-Length: 5\r\n\r\nv=0\r\n",
            "\r\n\r\nSIP/2.0 180 Ringing\r\nl: 0\r\n\r\n",
            "SIP/2.0 200 OK\nContent-Length:   3\nContent-Length: 7\n\nabcdefghij",
            "OPTIONS sip:x SIP/2.0\r\nContent-Length: x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
            "SIP/2.0 486 Busy\r\nSubject: folded\r\n line\r\nContent-Length: 2\r\n\r\nok");

    private void sameFraming(byte[] b, String what) {
        for (int n = 0; n <= b.length; n++) {
            SipScanner.Scan full = scanner.scanStream(b, 0, n);
            SipScanner.Scan framed = scanner.frameStream(b, 0, n);
            assertEquals(full.outcome(), framed.outcome(), what + ", first " + n + " bytes");
            assertEquals(full.consumed(), framed.consumed(), what + ", first " + n + " bytes");
            assertNull(framed.message(), "framing reads no fields");
        }
    }

    @Test
    void framingCutsWhereAFullScanCuts() {
        for (String m : MESSAGES) {
            sameFraming(m.getBytes(StandardCharsets.UTF_8), m.lines().findFirst().orElse(""));
        }
        Random rnd = new Random(7);
        String alphabet = "SIP/2.0 INVITE sip:x Content-Length: 1234\r\n:;\t ";
        for (int i = 0; i < 2_000; i++) {
            byte[] b = new byte[rnd.nextInt(120)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
            }
            sameFraming(b, "random bytes " + i);
        }
    }

    @Test
    void framingCutsTheTortureMessagesWhereAFullScanCuts() throws IOException {
        Path root = SharedData.require("torture");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".dat")).sorted().forEach(files::add);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            sameFraming(b, f.getFileName().toString());
            all.writeBytes(b);
        }
        // Back to back, as on a TCP stream: every message boundary in the same place.
        byte[] stream = all.toByteArray();
        int at = 0;
        while (at < stream.length) {
            SipScanner.Scan full = scanner.scanStream(stream, at, stream.length - at);
            SipScanner.Scan framed = scanner.frameStream(stream, at, stream.length - at);
            assertEquals(full.outcome(), framed.outcome(), "at byte " + at);
            assertEquals(full.consumed(), framed.consumed(), "at byte " + at);
            if (full.outcome() != SipScanner.Outcome.MESSAGE || full.consumed() == 0) {
                break;
            }
            at += full.consumed();
        }
    }
}
