package org.sipanalyzer.calls;

import org.sipanalyzer.decode.Endpoint;

/**
 * One call, finished: what sngrep users ask to export. Times are in nanoseconds since the epoch; delays in
 * nanoseconds, -1 when they do not apply.
 *
 * @param input the input the call was seen in
 * @param callId the Call-ID
 * @param start when the first INVITE was sent
 * @param fromUri the From header of the first INVITE
 * @param toUri the To header of the first INVITE (without tag)
 * @param caller who sent the INVITE
 * @param callee where the INVITE went
 * @param outcome how it ended
 * @param finalCode the last final response's code; 0 when there was none
 * @param finalReason the reason phrase of that response
 * @param q850Cause the Q.850 cause in its Reason header, -1 when none
 * @param reasonHeader the Reason header as sent
 * @param warning the Warning header
 * @param retryAfter the Retry-After header
 * @param answeredBy who sent the final response
 * @param answeringAgent its Server (or User-Agent) header
 * @param challenged whether a 401 or 407 challenged it first
 * @param pdd post-dial delay: last INVITE to first 18x or final response
 * @param setupTime last INVITE to 2xx
 * @param duration 2xx to BYE
 * @param invites INVITEs in the call (challenges make more than one; retransmissions not counted)
 * @param reInvites re-INVITEs inside the established dialog
 * @param dialogs the (early) dialogs the last INVITE created: distinct To tags in its responses other than 100;
 *     more than one when a proxy forked it, 0 when no response carried a tag
 * @param timed false when the input gave no time for some of the call's messages (a text log without times):
 *     then {@code start} only keeps order and every delay is -1, not measurable
 */
public record Call(int input, String callId, long start, String fromUri, String toUri, Endpoint caller,
        Endpoint callee, CallOutcome outcome, int finalCode, String finalReason, int q850Cause, String reasonHeader,
        String warning, String retryAfter, Endpoint answeredBy, String answeringAgent, boolean challenged, long pdd,
        long setupTime, long duration, int invites, int reInvites, int dialogs, boolean timed) {

    /** A call whose every message had a time. */
    public Call(int input, String callId, long start, String fromUri, String toUri, Endpoint caller,
            Endpoint callee, CallOutcome outcome, int finalCode, String finalReason, int q850Cause, String reasonHeader,
            String warning, String retryAfter, Endpoint answeredBy, String answeringAgent, boolean challenged, long pdd,
            long setupTime, long duration, int invites, int reInvites, int dialogs) {
        this(input, callId, start, fromUri, toUri, caller, callee, outcome, finalCode, finalReason, q850Cause,
                reasonHeader, warning, retryAfter, answeredBy, answeringAgent, challenged, pdd, setupTime, duration,
                invites, reInvites, dialogs, true);
    }

    /** True when responses came from more than one dialog: the INVITE was forked (RFC 3261 section 16.7). */
    public boolean forked() {
        return dialogs > 1;
    }
}
