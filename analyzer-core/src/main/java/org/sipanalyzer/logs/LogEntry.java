package org.sipanalyzer.logs;

import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;

/**
 * One SIP message found in a log.
 *
 * @param line the line of the log where the message starts, from 1
 * @param timestampNanos its time, from the log; when {@code timed} is false the log gave none and this only keeps
 *     the messages in order (a microsecond apart), so it must not be used as a time
 * @param timed whether the log gave the message's time
 * @param source the sender, {@link Endpoints#UNKNOWN} (0.0.0.0:0) when the log does not say
 * @param destination the receiver, {@link Endpoints#UNKNOWN} when the log does not say
 * @param transport the transport the log names; UDP when it names none
 * @param bytes the message as it would travel: CRLF line ends, body after the empty line; when {@code truncated}, as
 *     much of it as the log held (headers without their empty line, or a body short of its Content-Length)
 * @param truncated whether the end of the log cut the message off, as a capture's snap length cuts a frame
 */
public record LogEntry(long line, long timestampNanos, boolean timed, Endpoint source, Endpoint destination,
        Transport transport, byte[] bytes, boolean truncated) {
}
