package org.sipanalyzer.analysis;

/**
 * Asks a running analysis to end its inputs where they are (Ctrl-C on a capture piped from tcpdump, say): each input
 * being read stops after the frame in hand, inputs not yet begun are not read, and the analysis finishes as if the
 * inputs had ended there, so every tap settles and every report is written in full, saying it was stopped. Safe to
 * request from any thread (a signal handler's).
 */
public final class StopSignal {

    private volatile long requestedAtNanos;
    private volatile String reason;

    /** Asks the analysis to stop; {@code reason} is what the reports say ("SIGINT"). Later requests change nothing. */
    public synchronized void request(String why) {
        if (reason == null) {
            requestedAtNanos = System.nanoTime();
            reason = why;
        }
    }

    public boolean requested() {
        return reason != null;
    }

    /** What stopped the analysis, or null while it runs. */
    public String reason() {
        return reason;
    }

    /** Nanoseconds since the request (0 before one). */
    long sinceRequestNanos() {
        return reason == null ? 0 : System.nanoTime() - requestedAtNanos;
    }
}
