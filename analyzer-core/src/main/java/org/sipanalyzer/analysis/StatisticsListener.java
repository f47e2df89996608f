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
}
