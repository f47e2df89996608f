package org.sipanalyzer.sip;

import java.util.Set;

/**
 * The fields of one SIP message that the analysis uses, as the scanner extracted them. Any field may be
 * null when the message lacks it; {@link #problems()} says what made the message malformed, if anything.
 *
 * @param method the request method (upper case as sent); null for a response
 * @param requestUri the Request-URI; null for a response
 * @param statusCode the status code of a response, -1 when it is not a number; 0 for a request
 * @param reasonPhrase the reason phrase as sent (may be empty); null for a request
 * @param callId the Call-ID
 * @param cseqNumber the CSeq sequence number, -1 when missing or unreadable
 * @param cseqMethod the CSeq method
 * @param from the From header value
 * @param fromTag the tag parameter of From
 * @param to the To header value
 * @param toTag the tag parameter of To
 * @param viaBranch the branch parameter of the top Via
 * @param viaSentBy host[:port] of the top Via
 * @param viaTransport the transport of the top Via (UDP, TCP, TLS, WS...)
 * @param contentLength the Content-Length value, -1 when absent
 * @param bodyLength the bytes of body that follow the headers in this message
 * @param reason the Reason header (Q.850 or SIP cause)
 * @param warning the Warning header
 * @param retryAfter the Retry-After header
 * @param userAgent the User-Agent header
 * @param server the Server header
 * @param length the bytes the message occupies: start line, headers, empty line and body
 * @param problems what is wrong with the message; empty when it is well formed
 */
public record SipMessage(String method, String requestUri, int statusCode, String reasonPhrase, String callId,
        long cseqNumber, String cseqMethod, String from, String fromTag, String to, String toTag, String viaBranch,
        String viaSentBy, String viaTransport, int contentLength, int bodyLength, String reason, String warning,
        String retryAfter, String userAgent, String server, int length, Set<SipProblem> problems) {

    /** True for a response, false for a request. */
    public boolean isResponse() {
        return method == null;
    }

    /** True when the scanner found nothing wrong. */
    public boolean isWellFormed() {
        return problems.isEmpty();
    }

    /** The first line, cut to 80 characters, for one-line warnings. */
    public String firstLineShort() {
        String l = firstLine();
        return l.length() > 80 ? l.substring(0, 79) + "…" : l;
    }

    /** The first line as it would appear in a ladder diagram. */
    public String firstLine() {
        return isResponse() ? "SIP/2.0 " + statusCode + (reasonPhrase.isEmpty() ? "" : " " + reasonPhrase)
                : method + " " + requestUri + " SIP/2.0";
    }
}
