package org.sipanalyzer.sip;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The fields of one SIP message that the analysis uses, as the scanner extracted them: a {@link Request} or a
 * {@link Response}, and the header fields both have ({@link Fields}). Any text field may be null when the message
 * lacks it; {@link #problems()} says what made the message malformed, if anything.
 */
public sealed interface SipMessage permits SipMessage.Request, SipMessage.Response {

    /**
     * A request.
     *
     * @param method the method, upper case as sent
     * @param requestUri the Request-URI
     * @param fields the header fields
     */
    record Request(String method, String requestUri, Fields fields) implements SipMessage, java.io.Serializable {

        private static final long serialVersionUID = 1L;


        @Override
        public String firstLine() {
            return method + " " + requestUri + " SIP/2.0";
        }
    }

    /**
     * A response.
     *
     * @param code the status code, empty when the status line's code is not a number
     * @param reasonPhrase the reason phrase as sent (may be empty)
     * @param fields the header fields
     */
    record Response(OptionalInt code, String reasonPhrase, Fields fields) implements SipMessage, java.io.Serializable {

        private static final long serialVersionUID = 1L;

        /** Serialised as its plain values (an OptionalInt is not serialisable). */
        private Object writeReplace() {
            return new Serial(code.isPresent(), code.orElse(0), reasonPhrase, fields);
        }

        private record Serial(boolean hasCode, int code, String reasonPhrase, Fields fields)
                implements java.io.Serializable {
            private static final long serialVersionUID = 1L;

            private Object readResolve() {
                return new Response(hasCode ? OptionalInt.of(code) : OptionalInt.empty(), reasonPhrase, fields);
            }
        }

        /** The status code, or -1 when it is not a number (the key the statistics count such responses under). */
        public int statusCode() {
            return code.orElse(-1);
        }

        @Override
        public String firstLine() {
            return "SIP/2.0 " + statusCode() + (reasonPhrase.isEmpty() ? "" : " " + reasonPhrase);
        }
    }

    /**
     * The header fields of any message.
     *
     * @param callId the Call-ID
     * @param cseqNumber the CSeq sequence number, -1 when missing or unreadable (see {@link SipMessage#cseq()})
     * @param cseqMethod the CSeq method
     * @param from the From header value
     * @param fromTag the tag parameter of From
     * @param to the To header value
     * @param toTag the tag parameter of To
     * @param viaBranch the branch parameter of the top Via
     * @param viaSentBy host[:port] of the top Via
     * @param viaTransport the transport of the top Via (UDP, TCP, TLS, WS...)
     * @param contentLength the Content-Length value, -1 when absent (see {@link SipMessage#declaredLength()})
     * @param bodyLength the bytes of body that follow the headers in this message
     * @param reason the Reason header (Q.850 or SIP cause)
     * @param warning the Warning header
     * @param retryAfter the Retry-After header
     * @param userAgent the User-Agent header
     * @param server the Server header
     * @param length the bytes the message occupies: start line, headers, empty line and body
     * @param problems what is wrong with the message; empty when it is well formed
     */
    record Fields(String callId, long cseqNumber, String cseqMethod, String from, String fromTag, String to,
            String toTag, String viaBranch, String viaSentBy, String viaTransport, int contentLength, int bodyLength,
            String reason, String warning, String retryAfter, String userAgent, String server, int length,
            Set<SipProblem> problems) implements java.io.Serializable {

        private static final long serialVersionUID = 1L;
    }

    /** The header fields. */
    Fields fields();

    /** The first line as it would appear in a ladder diagram. */
    String firstLine();

    /** True for a response, false for a request. */
    default boolean isResponse() {
        return this instanceof Response;
    }

    /** True when the scanner found nothing wrong. */
    default boolean isWellFormed() {
        return fields().problems().isEmpty();
    }

    /** The first line, cut to 80 characters, for one-line warnings. */
    default String firstLineShort() {
        String l = firstLine();
        return l.length() > 80 ? l.substring(0, 79) + "…" : l;
    }

    /** The CSeq sequence number; empty when the CSeq is missing or unreadable. */
    default OptionalLong cseq() {
        long n = fields().cseqNumber();
        return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /** The Content-Length the message declares; empty when it has none. */
    default OptionalInt declaredLength() {
        int n = fields().contentLength();
        return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
    }

    default String callId() {
        return fields().callId();
    }

    /** The CSeq number, -1 when missing or unreadable: for hashing and comparing; {@link #cseq()} to read it. */
    default long cseqNumber() {
        return fields().cseqNumber();
    }

    default String cseqMethod() {
        return fields().cseqMethod();
    }

    default String from() {
        return fields().from();
    }

    default String fromTag() {
        return fields().fromTag();
    }

    default String to() {
        return fields().to();
    }

    default String toTag() {
        return fields().toTag();
    }

    default String viaBranch() {
        return fields().viaBranch();
    }

    default String viaSentBy() {
        return fields().viaSentBy();
    }

    default String viaTransport() {
        return fields().viaTransport();
    }

    default int bodyLength() {
        return fields().bodyLength();
    }

    default String reason() {
        return fields().reason();
    }

    default String warning() {
        return fields().warning();
    }

    default String retryAfter() {
        return fields().retryAfter();
    }

    default String userAgent() {
        return fields().userAgent();
    }

    default String server() {
        return fields().server();
    }

    default int length() {
        return fields().length();
    }

    default Set<SipProblem> problems() {
        return fields().problems();
    }
}
