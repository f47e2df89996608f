package org.sipanalyzer.logs;

import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;

/** What a log said of the message that follows: filled by a layout from the lines before it, reset after it. */
final class Meta {
    LogTime.Stamp time;
    Endpoint source = Endpoints.UNKNOWN;
    Endpoint destination = Endpoints.UNKNOWN;
    Transport transport;
    /** A line announced the message (formats that mark each message). */
    boolean announced;
    /** The log repeats a message it already holds (SIPp's "unexpected message" block): not counted again. */
    boolean copy;
    /** The log leaves the body out even where Content-Length says there is one. */
    boolean bodyOmitted;

    void reset() {
        time = null;
        source = Endpoints.UNKNOWN;
        destination = Endpoints.UNKNOWN;
        transport = null;
        announced = false;
        copy = false;
        bodyOmitted = false;
    }

    /** Source and destination from one side's view: {@code remote} sent it when {@code received}. */
    void direction(boolean received, Endpoint local, Endpoint remote) {
        source = received ? remote : local;
        destination = received ? local : remote;
    }
}
