/**
 * The analysis: drives captures through decoding and SIP scanning, turns each message into a typed
 * {@link org.sipanalyzer.analysis.SipEvent}, and hands events to {@link org.sipanalyzer.analysis.Tap taps} that
 * only count, finish them after the last input, and collects what they publish in a
 * {@link org.sipanalyzer.analysis.MetricRegistry}. docs/architecture.md draws the whole pipeline.
 */
package org.sipanalyzer.analysis;
