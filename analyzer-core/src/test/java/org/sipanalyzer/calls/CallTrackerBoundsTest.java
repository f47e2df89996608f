package org.sipanalyzer.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.scan.SipScanner;
import org.sipanalyzer.sip.SipMessage;

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
            tracker.onEvent(new SipEvent(0, i + 1, i * 10_000L, scanner1, victim, Transport.UDP, m, null,
                    false, false));
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

    private static SipMessage message(SipScanner scanner, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return scanner.scanDatagram(b, 0, b.length).message();
    }

    /**
     * Calls that end within a second, one every 10 ms for 200 s: each is kept for the linger (32 s) after its BYE, and
     * no longer, even though its set-up time-out (180 s) was queued first; what the queues hold stays proportional to
     * the calls open, not to the calls of the last three minutes.
     */
    @Test
    void finishedCallsAreFreedAfterTheLingerNotTheSetUpTimeOut() {
        CallTracker tracker = new CallTracker(CallOptions.defaults());
        SipScanner scanner = new SipScanner();
        Endpoint a = new Endpoint(new byte[] {10, 0, 0, 1}, 5060);
        Endpoint b = new Endpoint(new byte[] {10, 0, 0, 2}, 5060);
        int maxQueued = 0;
        int maxOpen = 0;
        long frame = 0;
        for (int i = 0; i < 20_000; i++) {
            long t = i * 10_000_000L;
            String h = "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK" + i + "\r\nFrom: <sip:a@x>;tag=f" + i
                    + "\r\nCall-ID: c" + i + "\r\n";
            String to = "To: <sip:b@y>;tag=t" + i + "\r\n";
            String[][] call = {
                {"INVITE sip:b@y SIP/2.0\r\n" + h + "To: <sip:b@y>\r\nCSeq: 1 INVITE\r\n\r\n", "ab"},
                {"SIP/2.0 200 OK\r\n" + h + to + "CSeq: 1 INVITE\r\n\r\n", "ba"},
                {"ACK sip:b@y SIP/2.0\r\n" + h + to + "CSeq: 1 ACK\r\n\r\n", "ab"},
                {"BYE sip:b@y SIP/2.0\r\n" + h + to + "CSeq: 2 BYE\r\n\r\n", "ab"},
                {"SIP/2.0 200 OK\r\n" + h + to + "CSeq: 2 BYE\r\n\r\n", "ba"}};
            for (int k = 0; k < call.length; k++) {
                boolean forward = call[k][1].equals("ab");
                tracker.onEvent(new SipEvent(0, ++frame, t + k * 1_000_000L, forward ? a : b, forward ? b : a,
                        Transport.UDP, message(scanner, call[k][0]), null, false, false));
            }
            maxQueued = Math.max(maxQueued, tracker.queued());
            maxOpen = Math.max(maxOpen, tracker.openCalls());
        }
        assertTrue(maxOpen <= 3_300, "calls open (32 s of 100 a second, and a little): " + maxOpen);
        assertTrue(maxQueued <= 2 * maxOpen + 1_025, "queued " + maxQueued + " for " + maxOpen + " open calls");
        tracker.finish();
        assertEquals(20_000, tracker.statistics().total());
        assertEquals(20_000L, tracker.statistics().byOutcome().get(CallOutcome.ANSWERED));
    }
}
