package org.sipanalyzer.logs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A layout's cues: a line lets the parser look at it when it holds one of the words, in any case. */
class CuesTest {

    @Test
    void cuesFindTheirWordsInAnyCaseAndOnlyThem() {
        Cues c = Cues.of("message", "-".repeat(20)).and("SIP/");
        assertTrue(in(c, "UDP message sent (526 bytes):"));
        assertTrue(in(c, "  Unexpected MESSAGE"));
        assertTrue(in(c, "-".repeat(20)));
        assertTrue(in(c, "INVITE sip:a@b SIP/2.0"));
        assertTrue(in(c, "sip/"));
        assertFalse(in(c, "-".repeat(19) + " messag"));
        assertFalse(in(c, "2026-12-02 10:00:00.123 INFO [worker-3] cache refreshed in 12 ms, 4096 entries"));
        assertFalse(in(c, ""));
        assertTrue(in(Cues.NOT_BLANK, " x "));
        assertFalse(in(Cues.NOT_BLANK, " \t\r"));
        assertFalse(in(Cues.NOT_BLANK, ""));
    }

    private static boolean in(Cues c, String line) {
        // The line in the middle of a larger buffer, as the reader holds it.
        byte[] b = ("SIP/ message" + line + "message SIP/").getBytes(StandardCharsets.ISO_8859_1);
        return c.in(b, 12, 12 + line.length());
    }
}
