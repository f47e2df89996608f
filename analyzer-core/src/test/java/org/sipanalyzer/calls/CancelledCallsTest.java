package org.sipanalyzer.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.scan.SipScanner;
import org.sipanalyzer.sip.SipMessage;

/** A call the caller cancels is cancelled, whether or not the 487 that should close its INVITE ever comes. */
class CancelledCallsTest {

    private static final Endpoint CALLER = new Endpoint(new byte[] {(byte) 192, 0, 2, 1}, 5060);
    private static final Endpoint CALLEE = new Endpoint(new byte[] {(byte) 192, 0, 2, 2}, 5060);
    private final SipScanner scanner = new SipScanner();
    private long frame;

    private SipEvent event(long ms, boolean fromCaller, String startLine, String cseq) {
        String text = startLine + "\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-c1\r\nFrom: <sip:a@x>;tag=f\r\n"
                + "To: <sip:b@x>" + (startLine.startsWith("SIP/2.0 1") && !startLine.contains("100")
                        || startLine.startsWith("SIP/2.0 4") ? ";tag=t" : "")
                + "\r\nCall-ID: c1\r\nCSeq: " + cseq + "\r\nContent-Length: 0\r\n\r\n";
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        SipMessage m = scanner.scanDatagram(b, 0, b.length).message();
        return new SipEvent(0, ++frame, ms * 1_000_000L, fromCaller ? CALLER : CALLEE, fromCaller ? CALLEE : CALLER,
                Transport.UDP, m, null, false, false);
    }

    private Call run(List<SipEvent> events) {
        List<Call> calls = new ArrayList<>();
        CallTracker t = new CallTracker(CallOptions.defaults(), calls::add);
        events.forEach(t::onEvent);
        t.finish();
        assertEquals(1, calls.size());
        return calls.get(0);
    }

    @Test
    void cancelledWithA487() {
        Call c = run(List.of(event(0, true, "INVITE sip:b@x SIP/2.0", "1 INVITE"),
                event(10, false, "SIP/2.0 180 Ringing", "1 INVITE"),
                event(2000, true, "CANCEL sip:b@x SIP/2.0", "1 CANCEL"),
                event(2010, false, "SIP/2.0 200 OK", "1 CANCEL"),
                event(2020, false, "SIP/2.0 487 Request Terminated", "1 INVITE")));
        assertEquals(CallOutcome.CANCELLED, c.outcome());
        assertEquals(java.util.OptionalInt.of(487), c.finalCode());
    }

    @Test
    void cancelledWhoseTerminatingResponseNeverCame() {
        Call c = run(List.of(event(0, true, "INVITE sip:b@x SIP/2.0", "1 INVITE"),
                event(10, false, "SIP/2.0 180 Ringing", "1 INVITE"),
                event(2000, true, "CANCEL sip:b@x SIP/2.0", "1 CANCEL"),
                event(2010, false, "SIP/2.0 200 OK", "1 CANCEL")));
        assertEquals(CallOutcome.CANCELLED, c.outcome(), "the caller gave up: not a time-out of the network");
        assertEquals(java.util.OptionalInt.empty(), c.finalCode(), "no final response");
    }

    @Test
    void neverAnsweredAndNeverCancelledTimesOut() {
        Call c = run(List.of(event(0, true, "INVITE sip:b@x SIP/2.0", "1 INVITE"),
                event(10, false, "SIP/2.0 180 Ringing", "1 INVITE")));
        assertEquals(CallOutcome.TIMEOUT, c.outcome());
    }
}
