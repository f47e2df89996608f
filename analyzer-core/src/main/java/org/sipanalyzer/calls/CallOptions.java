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
 */
public record CallOptions(Duration setupTimeout, Duration answeredTimeout, Duration linger, int maxOpenCalls,
        KpiDefinitions kpis) {

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
     * answered call, 32 s of linger (RFC 3261 Timer D), 1,000,000 open calls.
     */
    public static CallOptions defaults() {
        return new CallOptions(Duration.ofSeconds(180), Duration.ofHours(4), Duration.ofSeconds(32), 100_000,
                KpiDefinitions.defaults());
    }

    public CallOptions withSetupTimeout(Duration d) {
        return new CallOptions(d, answeredTimeout, linger, maxOpenCalls, kpis);
    }

    public CallOptions withKpis(KpiDefinitions k) {
        return new CallOptions(setupTimeout, answeredTimeout, linger, maxOpenCalls, k);
    }

    public CallOptions withMaxOpenCalls(int n) {
        return new CallOptions(setupTimeout, answeredTimeout, linger, n, kpis);
    }
}
