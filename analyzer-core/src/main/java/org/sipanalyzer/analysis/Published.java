package org.sipanalyzer.analysis;

/**
 * A result that says its own figures: it publishes them, by name, to a {@link MetricRegistry}. A tap whose result is
 * one need not publish them itself ({@link Tap#publish}), and its figures survive a merge of results analysed apart
 * ({@code SipAnalysis.Result#then}).
 */
public interface Published {

    /** Publishes this result's figures under their names. */
    void publish(MetricRegistry metrics);
}
