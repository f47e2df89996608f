/**
 * The analysis: drives captures through decoding and SIP scanning, turns each message into a typed
 * {@link org.sipanalyzer.analysis.SipEvent}, and hands events to statistics listeners that only count.
 */
package org.sipanalyzer.analysis;
