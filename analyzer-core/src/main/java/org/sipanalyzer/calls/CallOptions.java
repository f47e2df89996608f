package org.sipanalyzer.calls;

import java.time.Duration;

/**
 * The bounds and time-outs of call tracking (docs/limits.md).
 *
 * @param setupTimeout capture time without a final response after which a call is judged timed out
 * @param answeredTimeout capture time of silence after which an answered call without BYE is closed
 * @param linger how long a finished call is kept to absorb late retransmissions before it is folded in
 * @param maxOpenCalls calls followed at once; beyond, the one due soonest is closed early (counted)
 * @param kpis the code sets behind ASR and NER
 * @param delaysFromFirstInvite measure PDD, SRD and set-up time from a call's first INVITE (what the caller
 *     waited, challenge round trips included) instead of from its last, the one the network served (docs/kpis.md)
 */
public record CallOptions(Duration setupTimeout, Duration answeredTimeout, Duration linger, int maxOpenCalls,
        KpiDefinitions kpis, boolean delaysFromFirstInvite) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;


    public CallOptions {
        if (setupTimeout.isNegative() || answeredTimeout.isNegative() || linger.isNegative()) {
            throw new IllegalArgumentException("time-outs must not be negative");
        }
        if (maxOpenCalls < 1) {
            throw new IllegalArgumentException("maxOpenCalls must be at least 1");
        }
    }

    /**
     * The defaults: 180 s to a final response (callers give up ringing calls by then), 4 h of silence for an
     * answered call, 32 s of linger (RFC 3261 Timer D), 100,000 open calls, delays from the last INVITE.
     */
    public static CallOptions defaults() {
        return new CallOptions(Duration.ofSeconds(180), Duration.ofHours(4), Duration.ofSeconds(32), 100_000,
                KpiDefinitions.defaults(), false);
    }

    public CallOptions withSetupTimeout(Duration d) {
        return new CallOptions(d, answeredTimeout, linger, maxOpenCalls, kpis, delaysFromFirstInvite);
    }

    public CallOptions withKpis(KpiDefinitions k) {
        return new CallOptions(setupTimeout, answeredTimeout, linger, maxOpenCalls, k, delaysFromFirstInvite);
    }

    public CallOptions withMaxOpenCalls(int n) {
        return new CallOptions(setupTimeout, answeredTimeout, linger, n, kpis, delaysFromFirstInvite);
    }

    public CallOptions withDelaysFromFirstInvite(boolean first) {
        return new CallOptions(setupTimeout, answeredTimeout, linger, maxOpenCalls, kpis, first);
    }
}
