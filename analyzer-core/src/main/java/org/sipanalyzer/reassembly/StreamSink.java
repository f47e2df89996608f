package org.sipanalyzer.reassembly;

import org.sipanalyzer.decode.Endpoint;
import org.sipanalyzer.decode.Hep;
import org.sipanalyzer.decode.Transport;
import org.sipanalyzer.sip.SipMessage;

/** Receives what reassembled streams yield, in the order it completes. */
public interface StreamSink {

    /**
     * A SIP message, complete; {@code d[off .. off+len)} holds its bytes (valid during the call only).
     *
     * @param frame the frame whose data completed the message
     */
    void sip(long frame, long timestampNanos, Endpoint source, Endpoint destination, Transport transport,
            SipMessage message, byte[] d, int off, int len);

    /** A HEP packet carried over TCP. */
    void hep(long frame, long timestampNanos, Hep.Packet packet);

    /** A stream unit (a WebSocket message, say) that is not SIP. */
    void nonSip();
}
