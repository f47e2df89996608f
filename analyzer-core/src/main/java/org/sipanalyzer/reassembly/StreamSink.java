package org.sipanalyzer.reassembly;

import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;

/**
 * Receives what reassembled streams yield, in the order it completes: bytes framed, never parsed. The stage after
 * reassembly scans them for SIP (and opens HEP) once, as it does datagrams.
 */
public interface StreamSink {

    /**
     * A unit that may hold SIP: a message framed by its Content-Length on a TCP stream, or a WebSocket message;
     * {@code d[off .. off+len)} holds it (valid during the call only).
     *
     * @param frame the frame whose data completed the unit
     */
    void unit(long frame, long timestampNanos, Endpoint source, Endpoint destination, Transport transport, byte[] d,
            int off, int len);

    /** A HEP packet framed on a TCP stream, {@code d[off .. off+len)}, not yet opened. */
    void hep(long frame, long timestampNanos, byte[] d, int off, int len);

    /** A stream unit (plain HTTP, say) that is not SIP. */
    void nonSip();
}
