package org.sipanalyzer.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.decode.Endpoint;
import org.sipanalyzer.decode.Transport;
import org.sipanalyzer.sip.SipMessage;
import org.sipanalyzer.sip.SipScanner;

/** An INVITE flood (every INVITE a new call that is never answered) keeps the open-call table within its bound. */
class CallTrackerBoundsTest {

    @Test
    void aFloodOfUnansweredInvitesStaysWithinTheOpenCallLimit() {
        CallTracker tracker = new CallTracker(CallOptions.defaults().withMaxOpenCalls(1_000));
        SipScanner scanner = new SipScanner();
        Endpoint scanner1 = new Endpoint(new byte[] {(byte) 203, 0, 113, 9}, 5060);
        Endpoint victim = new Endpoint(new byte[] {(byte) 192, 0, 2, 1}, 5060);
        int max = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] b = ("INVITE sip:" + i + "@victim SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.9;branch=z9hG4bK" + i
                    + "\r\nFrom: <sip:x@y>;tag=" + i + "\r\nTo: <sip:" + i + "@victim>\r\nCall-ID: flood-" + i
                    + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            SipMessage m = scanner.scanDatagram(b, 0, b.length).message();
            tracker.onEvent(new SipEvent(0, i + 1, i * 10_000L, scanner1, victim, Transport.UDP, m, null, false, false));
            max = Math.max(max, tracker.openCalls());
        }
        assertTrue(max <= 1_001, "open calls peaked at " + max);
        tracker.finish();
        CallStatistics s = tracker.statistics();
        assertEquals(50_000, s.total(), "every call is judged, early or not");
        assertEquals(49_000, s.callsEvicted());
        assertEquals(50_000L, s.byOutcome().get(CallOutcome.TIMEOUT));
        assertEquals(0, tracker.openCalls());
    }
}
