package org.sipanalyzer.calls;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.sipanalyzer.net.Endpoint;

/**
 * One call, finished: what sngrep users ask to export. Times are in nanoseconds since the epoch, delays in
 * nanoseconds. What a call may lack (a final response, a delay that does not apply, a header it did not carry) is an
 * empty Optional, never a made-up value. The constructor takes the tracker's raw values: 0 for no final code, -1 for
 * no Q.850 cause or no delay, null for an absent header.
 *
 * @param input the input the call was seen in
 * @param callId the Call-ID
 * @param start when the first INVITE was sent
 * @param fromUri the From header of the first INVITE
 * @param toUri the To header of the first INVITE (without tag)
 * @param caller who sent the INVITE
 * @param callee where the INVITE went
 * @param outcome how it ended
 * @param finalCode the last final response's code; 0 when there was none (then {@link #finalCode()} is empty)
 * @param finalReason the reason phrase of that response
 * @param q850Cause the Q.850 cause in its Reason header, -1 when none
 * @param reasonHeader the Reason header as sent
 * @param warning the Warning header
 * @param retryAfter the Retry-After header
 * @param answeredBy who sent the final response
 * @param answeringAgent its Server (or User-Agent) header
 * @param challenged whether a 401 or 407 challenged it first
 * @param pdd post-dial delay: last INVITE to first 18x or final response; -1 when it does not apply
 * @param setupTime last INVITE to 2xx; -1 when not answered
 * @param duration 2xx to BYE; -1 when not answered or not ended by a BYE
 * @param invites INVITEs in the call (challenges make more than one; retransmissions not counted)
 * @param reInvites re-INVITEs inside the established dialog
 * @param dialogs the (early) dialogs the last INVITE created: distinct To tags in its responses other than 100;
 *     more than one when a proxy forked it, 0 when no response carried a tag
 * @param timed false when the input gave no time for some of the call's messages (a text log without times):
 *     then {@code start} only keeps order and every delay is -1, not measurable
 */
public final class Call implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int input;
    private final String callId;
    private final long start;
    private final String fromUri;
    private final String toUri;
    private final Endpoint caller;
    private final Endpoint callee;
    private final CallOutcome outcome;
    private final int finalCode;
    private final String finalReason;
    private final int q850Cause;
    private final String reasonHeader;
    private final String warning;
    private final String retryAfter;
    private final Endpoint answeredBy;
    private final String answeringAgent;
    private final boolean challenged;
    private final long pdd;
    private final long setupTime;
    private final long duration;
    private final int invites;
    private final int reInvites;
    private final int dialogs;
    private final boolean timed;

    /** The raw values, as described above. */
    public Call(int input, String callId, long start, String fromUri, String toUri, Endpoint caller, Endpoint callee,
            CallOutcome outcome, int finalCode, String finalReason, int q850Cause, String reasonHeader, String warning,
            String retryAfter, Endpoint answeredBy, String answeringAgent, boolean challenged, long pdd, long setupTime,
            long duration, int invites, int reInvites, int dialogs, boolean timed) {
        this.input = input;
        this.callId = callId;
        this.start = start;
        this.fromUri = fromUri;
        this.toUri = toUri;
        this.caller = caller;
        this.callee = callee;
        this.outcome = outcome;
        this.finalCode = finalCode;
        this.finalReason = finalReason;
        this.q850Cause = q850Cause;
        this.reasonHeader = reasonHeader;
        this.warning = warning;
        this.retryAfter = retryAfter;
        this.answeredBy = answeredBy;
        this.answeringAgent = answeringAgent;
        this.challenged = challenged;
        this.pdd = pdd;
        this.setupTime = setupTime;
        this.duration = duration;
        this.invites = invites;
        this.reInvites = reInvites;
        this.dialogs = dialogs;
        this.timed = timed;
    }

    /** A call whose every message had a time. */
    public Call(int input, String callId, long start, String fromUri, String toUri, Endpoint caller, Endpoint callee,
            CallOutcome outcome, int finalCode, String finalReason, int q850Cause, String reasonHeader, String warning,
            String retryAfter, Endpoint answeredBy, String answeringAgent, boolean challenged, long pdd, long setupTime,
            long duration, int invites, int reInvites, int dialogs) {
        this(input, callId, start, fromUri, toUri, caller, callee, outcome, finalCode, finalReason, q850Cause,
                reasonHeader, warning, retryAfter, answeredBy, answeringAgent, challenged, pdd, setupTime, duration,
                invites, reInvites, dialogs, true);
    }

    /** The input the call was seen in. */
    public int input() {
        return input;
    }

    /** The Call-ID. */
    public String callId() {
        return callId;
    }

    /** When the first INVITE was sent (nanoseconds since the epoch; without times, only an order). */
    public long start() {
        return start;
    }

    /** The From header of the first INVITE. */
    public String fromUri() {
        return fromUri;
    }

    /** The To header of the first INVITE (without tag). */
    public String toUri() {
        return toUri;
    }

    /** Who sent the INVITE. */
    public Endpoint caller() {
        return caller;
    }

    /** Where the INVITE went. */
    public Endpoint callee() {
        return callee;
    }

    /** How it ended. */
    public CallOutcome outcome() {
        return outcome;
    }

    /** The last final response's code; empty when the call had none. */
    public OptionalInt finalCode() {
        return finalCode == 0 ? OptionalInt.empty() : OptionalInt.of(finalCode);
    }

    /** The reason phrase of the last final response; empty when there was none. */
    public Optional<String> finalReason() {
        return Optional.ofNullable(finalReason);
    }

    /** The Q.850 cause in the final response's Reason header; empty when none. */
    public OptionalInt q850Cause() {
        return q850Cause < 0 ? OptionalInt.empty() : OptionalInt.of(q850Cause);
    }

    /** The Reason header as sent; empty when none. */
    public Optional<String> reasonHeader() {
        return Optional.ofNullable(reasonHeader);
    }

    /** The Warning header; empty when none. */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    /** The Retry-After header; empty when none. */
    public Optional<String> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Who sent the final response; empty when no response came, or from no known address. */
    public Optional<Endpoint> answeredBy() {
        return Optional.ofNullable(answeredBy);
    }

    /** The answering side's Server (or User-Agent) header; empty when none. */
    public Optional<String> answeringAgent() {
        return Optional.ofNullable(answeringAgent);
    }

    /** Whether a 401 or 407 challenged it first. */
    public boolean challenged() {
        return challenged;
    }

    /** Post-dial delay in nanoseconds; empty when no 18x or final response came, or the input had no times. */
    public OptionalLong pdd() {
        return pdd < 0 ? OptionalLong.empty() : OptionalLong.of(pdd);
    }

    /** Set-up time (last INVITE to 2xx) in nanoseconds; empty when not answered, or without times. */
    public OptionalLong setupTime() {
        return setupTime < 0 ? OptionalLong.empty() : OptionalLong.of(setupTime);
    }

    /** Duration (2xx to BYE) in nanoseconds; empty when not answered, not ended by a BYE, or without times. */
    public OptionalLong duration() {
        return duration < 0 ? OptionalLong.empty() : OptionalLong.of(duration);
    }

    /** INVITEs in the call (challenges make more than one; retransmissions not counted). */
    public int invites() {
        return invites;
    }

    /** Re-INVITEs inside the established dialog. */
    public int reInvites() {
        return reInvites;
    }

    /** The (early) dialogs the last INVITE created. */
    public int dialogs() {
        return dialogs;
    }

    /** False when the input gave no time for some of the call's messages. */
    public boolean timed() {
        return timed;
    }

    /** The raw values, for storage ({@link CallSpool}): as the constructor takes them. */
    int rawFinalCode() {
        return finalCode;
    }

    int rawQ850Cause() {
        return q850Cause;
    }

    String rawFinalReason() {
        return finalReason;
    }

    String rawReasonHeader() {
        return reasonHeader;
    }

    String rawWarning() {
        return warning;
    }

    String rawRetryAfter() {
        return retryAfter;
    }

    Endpoint rawAnsweredBy() {
        return answeredBy;
    }

    String rawAnsweringAgent() {
        return answeringAgent;
    }

    long rawPdd() {
        return pdd;
    }

    long rawSetupTime() {
        return setupTime;
    }

    long rawDuration() {
        return duration;
    }

    /** This call, as seen in input {@code input} (its index in a larger analysis of which its own was a part). */
    public Call withInput(int input) {
        return input == this.input ? this : new Call(input, callId, start, fromUri, toUri, caller, callee, outcome,
                finalCode, finalReason, q850Cause, reasonHeader, warning, retryAfter, answeredBy, answeringAgent,
                challenged, pdd, setupTime, duration, invites, reInvites, dialogs, timed);
    }

    /** True when responses came from more than one dialog: the INVITE was forked (RFC 3261 section 16.7). */
    public boolean forked() {
        return dialogs > 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Call c && input == c.input && start == c.start && finalCode == c.finalCode
                && q850Cause == c.q850Cause && challenged == c.challenged && pdd == c.pdd && setupTime == c.setupTime
                && duration == c.duration && invites == c.invites && reInvites == c.reInvites && dialogs == c.dialogs
                && timed == c.timed && outcome == c.outcome && Objects.equals(callId, c.callId)
                && Objects.equals(fromUri, c.fromUri) && Objects.equals(toUri, c.toUri)
                && Objects.equals(caller, c.caller) && Objects.equals(callee, c.callee)
                && Objects.equals(finalReason, c.finalReason) && Objects.equals(reasonHeader, c.reasonHeader)
                && Objects.equals(warning, c.warning) && Objects.equals(retryAfter, c.retryAfter)
                && Objects.equals(answeredBy, c.answeredBy) && Objects.equals(answeringAgent, c.answeringAgent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(input, callId, start, outcome, finalCode, caller, callee);
    }

    @Override
    public String toString() {
        return "Call[" + callId + ", input " + input + ", " + outcome.word() + (finalCode == 0 ? "" : " " + finalCode)
                + "]";
    }
}
