package org.sipanalyzer.analysis;

import org.sipanalyzer.catalogue.CodeLookup;
import org.sipanalyzer.decode.Endpoint;
import org.sipanalyzer.decode.Transport;
import org.sipanalyzer.sip.SipMessage;

/**
 * One SIP message seen in an input: the only thing that crosses from parsing to statistics.
 *
 * @param input the index of the input in the analysis
 * @param frame the frame number in its input (of the frame that completed the message); for a text log, the line
 *     the message starts on
 * @param timestampNanos capture time, nanoseconds since the epoch
 * @param source the sender
 * @param destination the receiver
 * @param transport UDP or TCP
 * @param message the fields the scanner extracted
 * @param code for a response, what the catalogue says of its code; null for a request
 * @param retransmission true when the same side already sent this message in the same transaction (a duplicate
 *     capture of a packet counts too: either way it is not a new message)
 * @param duplicate true when it is the same packet captured twice (within the duplicate window)
 * @param timed false when the input gave no time for the message (a text log without times): then
 *     {@code timestampNanos} only keeps order, and no delay may be measured from it
 */
public record SipEvent(int input, long frame, long timestampNanos, Endpoint source, Endpoint destination,
        Transport transport, SipMessage message, CodeLookup code, boolean retransmission, boolean duplicate,
        boolean timed) {

    /** A message with a real time (as every captured packet has). */
    public SipEvent(int input, long frame, long timestampNanos, Endpoint source, Endpoint destination,
            Transport transport, SipMessage message, CodeLookup code, boolean retransmission, boolean duplicate) {
        this(input, frame, timestampNanos, source, destination, transport, message, code, retransmission, duplicate,
                true);
    }

    public boolean isResponse() {
        return message.isResponse();
    }
}
