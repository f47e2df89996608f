package org.sipanalyzer.net;

import java.time.Duration;

/**
 * Every bound of reassembly, in one immutable object (documented in docs/limits.md). Whatever a bound drops
 * is counted in {@link ReassemblyStats}, so a user can see which limit to raise.
 *
 * @param maxMessageBytes the largest SIP (or WebSocket, or HEP) message accepted from a stream
 * @param maxBytesPerFlow bytes buffered for one TCP direction (unframed data plus out-of-order segments)
 * @param maxBytesTotal bytes buffered for all TCP directions and IP fragments together
 * @param maxFlows TCP directions tracked at once; the longest idle is dropped beyond
 * @param flowIdleTimeout capture time after which a silent TCP direction is closed
 * @param maxPendingDatagrams IP datagrams being reassembled at once
 * @param fragmentTimeout capture time after which an incomplete IP datagram is given up
 */
public record ReassemblyLimits(int maxMessageBytes, int maxBytesPerFlow, long maxBytesTotal, int maxFlows,
        Duration flowIdleTimeout, int maxPendingDatagrams, Duration fragmentTimeout) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;


    public ReassemblyLimits {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024");
        }
        if (maxBytesPerFlow < maxMessageBytes) {
            throw new IllegalArgumentException("maxBytesPerFlow (" + maxBytesPerFlow
                    + ") must be at least maxMessageBytes (" + maxMessageBytes + ")");
        }
        if (maxBytesTotal < maxBytesPerFlow) {
            throw new IllegalArgumentException("maxBytesTotal (" + maxBytesTotal
                    + ") must be at least maxBytesPerFlow (" + maxBytesPerFlow + ")");
        }
        if (maxFlows < 1 || maxPendingDatagrams < 1) {
            throw new IllegalArgumentException("maxFlows and maxPendingDatagrams must be at least 1");
        }
        if (flowIdleTimeout.isNegative() || fragmentTimeout.isNegative()) {
            throw new IllegalArgumentException("time-outs must not be negative");
        }
    }

    /**
     * The defaults: 256 KiB messages, 1 MiB per flow, 64 MiB in all, 100,000 flows idle after 5 minutes,
     * 10,000 datagrams given up after 30 s (Linux's ipfrag_time).
     */
    public static ReassemblyLimits defaults() {
        return new ReassemblyLimits(256 * 1024, 1024 * 1024, 64L * 1024 * 1024, 100_000, Duration.ofMinutes(5), 10_000,
                Duration.ofSeconds(30));
    }

    public ReassemblyLimits withMaxMessageBytes(int n) {
        return new ReassemblyLimits(n, Math.max(n, maxBytesPerFlow),
                Math.max(Math.max(n, maxBytesPerFlow), maxBytesTotal),
                maxFlows, flowIdleTimeout, maxPendingDatagrams, fragmentTimeout);
    }

    public ReassemblyLimits withMaxBytesPerFlow(int n) {
        return new ReassemblyLimits(maxMessageBytes, n, Math.max(n, maxBytesTotal), maxFlows, flowIdleTimeout,
                maxPendingDatagrams, fragmentTimeout);
    }

    public ReassemblyLimits withMaxBytesTotal(long n) {
        return new ReassemblyLimits(maxMessageBytes, maxBytesPerFlow, n, maxFlows, flowIdleTimeout, maxPendingDatagrams,
                fragmentTimeout);
    }

    public ReassemblyLimits withMaxFlows(int n) {
        return new ReassemblyLimits(maxMessageBytes, maxBytesPerFlow, maxBytesTotal, n, flowIdleTimeout,
                maxPendingDatagrams, fragmentTimeout);
    }

    public ReassemblyLimits withFlowIdleTimeout(Duration d) {
        return new ReassemblyLimits(maxMessageBytes, maxBytesPerFlow, maxBytesTotal, maxFlows, d, maxPendingDatagrams,
                fragmentTimeout);
    }

    public ReassemblyLimits withMaxPendingDatagrams(int n) {
        return new ReassemblyLimits(maxMessageBytes, maxBytesPerFlow, maxBytesTotal, maxFlows, flowIdleTimeout, n,
                fragmentTimeout);
    }

    public ReassemblyLimits withFragmentTimeout(Duration d) {
        return new ReassemblyLimits(maxMessageBytes, maxBytesPerFlow, maxBytesTotal, maxFlows, flowIdleTimeout,
                maxPendingDatagrams, d);
    }
}
