package org.sipanalyzer.analysis;

import org.sipanalyzer.catalogue.CodeLookup;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;
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
 * @param text the message as sent (UTF-8, its first {@link #MAX_TEXT} characters), when the analysis keeps it
 *     ({@link AnalysisOptions#keepText()}); null otherwise
 */
public record SipEvent(int input, long frame, long timestampNanos, Endpoint source, Endpoint destination,
        Transport transport, SipMessage message, CodeLookup code, boolean retransmission, boolean duplicate,
        boolean timed, String text) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** The characters of a message's text kept at most; a longer message's text is cut there. */
    public static final int MAX_TEXT = 16_384;

    /** A message without its text. */
    public SipEvent(int input, long frame, long timestampNanos, Endpoint source, Endpoint destination,
            Transport transport, SipMessage message, CodeLookup code, boolean retransmission, boolean duplicate,
            boolean timed) {
        this(input, frame, timestampNanos, source, destination, transport, message, code, retransmission, duplicate,
                timed, null);
    }

    /** A message with a real time (as every captured packet has). */
    public SipEvent(int input, long frame, long timestampNanos, Endpoint source, Endpoint destination,
            Transport transport, SipMessage message, CodeLookup code, boolean retransmission, boolean duplicate) {
        this(input, frame, timestampNanos, source, destination, transport, message, code, retransmission, duplicate,
                true, null);
    }

    /** This event, as of input {@code input} (its index in a larger analysis of which its own was a part). */
    public SipEvent withInput(int input) {
        return input == this.input ? this : new SipEvent(input, frame, timestampNanos, source, destination, transport,
                message, code, retransmission, duplicate, timed, text);
    }

    /** The same event without its text (to hold it for less). */
    public SipEvent withoutText() {
        return text == null ? this : new SipEvent(input, frame, timestampNanos, source, destination, transport, message,
                code, retransmission, duplicate, timed, null);
    }

    public boolean isResponse() {
        return message.isResponse();
    }
}
