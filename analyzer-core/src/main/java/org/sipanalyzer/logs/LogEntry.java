package org.sipanalyzer.logs;

import org.sipanalyzer.decode.Endpoint;

/**
 * One SIP message found in a log.
 *
 * @param line the line of the log where the message starts, from 1
 * @param timestampNanos its time, from the log; when the log gives none, the message's position in seconds
 *     (so that order is kept and no two messages look simultaneous)
 * @param source the sender, 0.0.0.0:0 when the log does not say
 * @param destination the receiver, 0.0.0.0:0 when the log does not say
 * @param bytes the message as it would travel: CRLF line ends, body after the empty line
 */
public record LogEntry(long line, long timestampNanos, Endpoint source, Endpoint destination, byte[] bytes) {
}
