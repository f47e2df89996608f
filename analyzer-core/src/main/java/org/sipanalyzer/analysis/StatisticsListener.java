package org.sipanalyzer.analysis;

/**
 * Receives every SIP event of an input in capture order and only counts: it never parses. A listener that
 * throws is disabled for the rest of the analysis and reported; the others go on.
 */
public interface StatisticsListener {

    /** A name for reports, e.g. when the listener failed. */
    String name();

    /** Called once per SIP message. */
    void onEvent(SipEvent event);

    /**
     * Called once when input {@code input} has no more events (read to its end, cut short or failed), so that
     * what was kept for it (open calls, say) can be settled and freed: a run of many inputs then holds the state
     * of the inputs being read, not of every input so far.
     */
    default void onInputEnd(int input) {
    }
}
