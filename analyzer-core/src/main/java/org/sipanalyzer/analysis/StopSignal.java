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
    private final java.util.List<Runnable> actions = new java.util.ArrayList<>();

    /** A signal not yet given. */
    public StopSignal() {
    }

    /**
     * Asks the analysis to stop; {@code reason} is what the reports say ("SIGINT"). The actions registered with
     * {@link #whenRequested} run now, on this thread. Later requests change nothing.
     */
    public void request(String why) {
        java.util.List<Runnable> run;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            requestedAtNanos = System.nanoTime();
            reason = why;
            run = java.util.List.copyOf(actions);
        }
        run.forEach(Runnable::run);
    }

    /**
     * Runs {@code action} when the stop is requested (at once if it already was): how a live source ends its capture
     * at a stop, so that the analysis reading it ends too.
     */
    public void whenRequested(Runnable action) {
        synchronized (this) {
            if (reason == null) {
                actions.add(action);
                return;
            }
        }
        action.run();
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
